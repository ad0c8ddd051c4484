"""Every reader of what users write on a message of 100,000 characters (far beyond the channels'
2,000, so also what a future channel might let through): the details at its start are still read,
and no reader hangs (the bound is a guard against runaway regular expressions, not a benchmark: a
reader takes milliseconds). The readers look at the first 2,000 characters (contacts: 500)."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from escalation_routine import contacts, dates, identifiers, products, reading, times

NOW = datetime(2026, 11, 27, 10, 15, tzinfo=ZoneInfo("Europe/Stockholm"))
FILLER = "och sen hände det igen, " * 4200
MESSAGE = (
    "Order 4711-2345 för Kopparaccess är sen, leveransdatum var 15 november. Ring Anna på "
    f"070-123 45 67 eller anna@op.se. {FILLER} Order 9999-0000 för Fiber Villa den 3 mars."
)
GUARD_SECONDS = 20


def within_guard(read):
    results = []
    worker = threading.Thread(target=lambda: results.append(read(MESSAGE)), daemon=True)
    worker.start()
    worker.join(GUARD_SECONDS)
    assert results, f"the reader did not finish in {GUARD_SECONDS} s on {len(MESSAGE)} characters"
    return results[0]


def test_the_message_is_long():
    assert len(MESSAGE) > 100_000


@pytest.mark.parametrize(
    "read, check",
    [
        (products.meant_product, lambda product: product.name == "Kopparaccess"),
        (identifiers.order_number, lambda number: number == "4711-2345"),
        (identifiers.case_reference, lambda reference: reference is None),
        (lambda text: dates.delivery_date(text, NOW.date()), lambda day: (day.month, day.day) == (11, 15)),
        (lambda text: times.outage_start(text, NOW), lambda start: start is None or start <= NOW),
        (contacts.contact_details, lambda details: details.get("email") == "anna@op.se"),
        (
            lambda text: reading.read(text, NOW).slot_values(),
            lambda slots: (
                slots.get("order_number") == "4711-2345" and slots.get("agreed_delivery_date") == "2026-11-15"
            ),
        ),
    ],
    ids=["product", "order-number", "case-reference", "delivery-date", "outage-start", "contact", "reading"],
)
def test_a_reader_reads_a_100000_character_message(read, check):
    assert check(within_guard(read))
