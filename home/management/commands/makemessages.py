"""Django's makemessages without msgmerge's fuzzy matching.

A new string that looks like an old one would otherwise arrive marked "fuzzy" with the old
one's Welsh (for "Your place is confirmed." it offered a sentence about a paused programme);
Django ignores fuzzy entries, but a translator skimming the file could take them as done. New
strings arrive empty instead, and tests/home/test_catalogue.py lists them until translated."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
