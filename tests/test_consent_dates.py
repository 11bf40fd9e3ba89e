"""Issue 14 item 7: consent dates are dates, valid until the end of that day in local time."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest

from protocol import Consent, new_id
from protocol.entities import end_of_day, start_of_day

ROME, HELSINKI = ZoneInfo("Europe/Rome"), ZoneInfo("Europe/Helsinki")


def consent_until(day: dt.date, zone: ZoneInfo) -> Consent:
    given = dt.datetime(2026, 12, 1, 11, 0, tzinfo=zone)
    return Consent(
        id=new_id(),
        created_at=given,
        updated_at=given,
        author_device_id=uuid.uuid4(),
        contact_id=uuid.uuid4(),
        purpose="referral",
        method="written",
        given_at=given,
        expires_at=end_of_day(day, zone),
    )


@pytest.mark.parametrize("zone", [ROME, HELSINKI], ids=str)
@pytest.mark.parametrize("last", [dt.date(2027, 12, 1), dt.date(2027, 7, 15), dt.date(2027, 3, 27)], ids=str)
def test_a_consent_is_valid_through_its_last_day_and_not_a_minute_after(zone: ZoneInfo, last: dt.date) -> None:
    """Issue 14 item 7: 23:59 local on the last day is valid, 00:00 the next day is not (winter, summer, and
    the eve of the change to summer time)."""
    consent = consent_until(last, zone)
    assert consent.is_active(dt.datetime.combine(last, dt.time(23, 59), tzinfo=zone))
    assert consent.is_active(dt.datetime.combine(last, dt.time(23, 59, 59, 999_999), tzinfo=zone))
    assert not consent.is_active(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0, 0), tzinfo=zone))
    # The same instants as a UTC clock or a fixed-offset clock gives them: the check is one comparison.
    assert not consent.is_active(start_of_day(last + dt.timedelta(days=1), zone).astimezone(dt.UTC))
    assert consent.last_valid_day(zone) == last and consent.first_valid_day(zone) == dt.date(2026, 12, 1)


def test_the_last_day_reads_as_written_a_zone_away_and_never_later_than_the_lapse() -> None:
    """Issue 14 item 7: "valid until 01/12/2027" written in Rome reads 01/12/2027 in Helsinki too (it read
    02/12/2027 00:00), and an instant that is no midnight shows a day it is still valid on."""
    consent = consent_until(dt.date(2027, 12, 1), ROME)
    assert consent.last_valid_day(HELSINKI) == dt.date(2027, 12, 1)
    assert consent.last_valid_day(dt.UTC) == dt.date(2027, 12, 1)
    morning = consent.model_copy(update={"expires_at": dt.datetime(2027, 12, 2, 9, 0, tzinfo=ROME)})
    assert morning.last_valid_day(ROME) == dt.date(2027, 12, 1)
    assert consent.model_copy(update={"expires_at": None}).last_valid_day(ROME) is None
