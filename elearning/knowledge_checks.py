"""How a knowledge check is shown to one learner, and what their answer tells them.

Options are shuffled for each learner, so the right answer is not always where the editor
typed it; the order is worked out from the learner and the question alone, so it stays the
same on every visit without storing anything. An answer keeps the options' positions as the
editor wrote them (`str(index)`), so shuffling never changes what an answer means.
"""

import random
from dataclasses import dataclass, field


def option_order(*, learner_id: int | None, block_id: str, count: int) -> list[int]:
    """The options' positions (as written) in the order this learner sees them. A visitor
    who is not signed in gets one shuffled order per question, the same for everyone, so
    the page can still be cached."""
    order = list(range(count))
    # A string seed is hashed with SHA-512 by `random`, so the order is the same in every
    # process, whatever PYTHONHASHSEED is.
    random.Random(f"{learner_id or 'anyone'}:{block_id}").shuffle(order)
    return order


@dataclass(frozen=True)
class ShownOption:
    key: str  # the option's position as written, which answers record
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ShownCheck:
    """A knowledge check as one learner sees it: its options in their order, and, once
    answered, the options they chose and (when they found only some of several right
    answers) the right ones they missed."""

    options: list[ShownOption]
    chosen: list[ShownOption] = field(default_factory=list)
    missed: list[ShownOption] = field(default_factory=list)

    @property
    def right_count(self) -> int:
        return sum(1 for option in self.options if option.correct)

    @property
    def found_count(self) -> int:
        return sum(1 for option in self.chosen if option.correct)


def shown_check(*, value, learner_id: int | None, block_id: str, answer: dict | None) -> ShownCheck:
    written = [
        ShownOption(
            key=str(index),
            text=option["text"],
            correct=bool(option["correct"]),
            feedback=option.get("feedback") or "",
        )
        for index, option in enumerate(value["options"])
    ]
    options = [
        written[index]
        for index in option_order(learner_id=learner_id, block_id=block_id, count=len(written))
    ]
    chosen_keys = set(answer.get("options", [])) if answer else set()
    chosen = [option for option in options if option.key in chosen_keys]
    right = [option for option in options if option.correct]
    found = [option for option in chosen if option.correct]
    partly_right = len(right) > 1 and 0 < len(found) < len(right)
    missed = [option for option in right if option not in found] if partly_right else []
    return ShownCheck(options=options, chosen=chosen, missed=missed)
