"""Ring-fenced places under the session lock: which place a booking takes, who on the
waiting list a freed or released place may go to, and releasing unused held places when
their time comes. The rule itself is bookings.ring_fences."""

import datetime as dt
from dataclasses import dataclass

from accounts.models import Organisation

from .. import selectors
from ..models import Booking, Session, SessionReservation
from ..ring_fences import HeldPlaces, held_place_for, open_places


@dataclass(frozen=True)
class PlaceChoice:
    """Whether a booking gets a place now, and from which ring-fence (None: an open place)."""

    confirmed: bool
    reservation_id: int | None = None


def choose_place(session: Session, counts: selectors.PlaceCounts) -> PlaceChoice:
    """A held place for a member of a ring-fenced organisation first, else an open place,
    else none. `counts` were read under the session lock, for the person booking."""
    if counts.person_reservation_id is not None:
        return PlaceChoice(confirmed=True, reservation_id=counts.person_reservation_id)
    free = open_places(
        capacity=session.capacity, confirmed=counts.confirmed, held_free=counts.held_free
    )
    return PlaceChoice(confirmed=free > 0)


def lineage_ids(organisation: Organisation | None) -> set[int]:
    """The organisation and its ancestors, from parents already loaded (select_related)."""
    return {node.pk for node in organisation.lineage()} if organisation is not None else set()


def places_for_waiting_list(
    session: Session, waiting: list[Booking], *, now: dt.datetime
) -> list[tuple[Booking, int | None]]:
    """Who in the queue (in its order) gets a place now, each with the ring-fence it takes
    (None: an open place). A person the held places are not for is passed over while only
    held places are free, so a member behind them is not kept waiting. Caller holds the
    session lock; `waiting` has each person's organisation and its parents loaded."""
    fences: list[HeldPlaces] = selectors.held_places(session, now=now)
    confirmed = selectors.confirmed_places(session)
    free_open = open_places(
        capacity=session.capacity,
        confirmed=confirmed,
        held_free=sum(fence.free for fence in fences),
    )
    chosen: list[tuple[Booking, int | None]] = []
    for booking in waiting:
        fence = held_place_for(lineage_ids(booking.user.organisation), fences)
        if fence is not None:
            fence.free -= 1
            chosen.append((booking, fence.reservation_id))
        elif free_open > 0:
            free_open -= 1
            chosen.append((booking, None))
        if free_open == 0 and not any(fence.free for fence in fences):
            break
    return chosen


def due_for_release(now: dt.datetime) -> list[int]:
    """Sessions with ring-fences whose time has come and whose waiting list has not yet been
    offered the places they release."""
    return sorted(
        set(
            SessionReservation.objects.filter(
                release_at__lte=now,
                released_at__isnull=True,
                session__status=Session.Status.SCHEDULED,
            ).values_list("session_id", flat=True)
        )
    )
