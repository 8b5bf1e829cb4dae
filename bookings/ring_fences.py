"""Ring-fenced places: the rule, in one place, that the session pages show, the selectors count
and book() enforces (through bookings.services.quotas, under the session lock).

A session may hold `places` for an organisation (and everything below it) until a release
time. Until then:
- a verified member of that organisation takes a held place first (the booking records which
  ring-fence it came from), and an open place when the held ones are all taken;
- everyone else takes only open places: capacity, less confirmed places, less the held places
  nobody has taken yet;
- at the release time the unused held places become open places.
Membership is the VERIFIED organisation (User.organisation): a claim grants nothing.
"""

from dataclasses import dataclass


@dataclass
class HeldPlaces:
    """One ring-fence as it stands: its id, its organisation and the held places still free."""

    reservation_id: int
    organisation_id: int
    organisation_name: str
    free: int


def open_places(*, capacity: int, confirmed: int, held_free: int) -> int:
    """The places anybody may take now."""
    return max(capacity - confirmed - held_free, 0)


def held_place_for(lineage_ids: set[int], fences: list[HeldPlaces]) -> HeldPlaces | None:
    """The first ring-fence (soonest released) with a free place that a member of an
    organisation whose lineage (itself and its ancestors) is `lineage_ids` may take."""
    for fence in fences:
        if fence.free > 0 and fence.organisation_id in lineage_ids:
            return fence
    return None
