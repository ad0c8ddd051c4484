import pytest

from escalation_routine import facts

# What users really type, and the product it must resolve to.
TYPED = {
    "Fiber Villa": "Fiber Villa", "fibervilla": "Fiber Villa", "villafiber": "Fiber Villa",
    "villafibern": "Fiber Villa", "fibervila": "Fiber Villa", "FIBER VILLA": "Fiber Villa",
    "Fiber Lägenhet": "Fiber Lägenhet", "fiber lagenhet": "Fiber Lägenhet",
    "lägenhetsfiber": "Fiber Lägenhet", "lagenhetsfiber": "Fiber Lägenhet",
    "fiberlägenhet": "Fiber Lägenhet", "fiber småföretag": "Fiber Småföretag",
    "fiber smaforetag": "Fiber Småföretag", "småföretagsfiber": "Fiber Småföretag",
    "Skanova Fiber 2009": "Skanova Fiber 2009", "fiber 2009": "Skanova Fiber 2009",
    "svartfiber": "Svartfiber", "svart fiber": "Svartfiber", "svartfibern": "Svartfiber",
    "fiber": "Fiber", "fiberanslutning": "Fiber", "fiber punkt till punkt": "Fiber",
    "Kopparaccess": "Kopparaccess", "kopparaccessen": "Kopparaccess", "koppar access": "Kopparaccess",
    "kopparacess": "Kopparaccess",
    "Koppar Punkt till Punkt": "Koppar Punkt till Punkt", "koppar p2p": "Koppar Punkt till Punkt",
    "koppar punkt-till-punkt": "Koppar Punkt till Punkt", "koppar": "Koppar", "kopar": "Koppar",
    "inplacering": "Inplacering", "inplaceringar": "Inplacering", "etablering": "Etablering",
    "etableringsprodukter": "Etablering", "samlokalisering": "Samlokalisering",
    "kolokalisering": "Samlokalisering",
}
GROUPS = {
    "Fiber Villa": "fibervilla", "Fiber Lägenhet": "fibervilla", "Fiber Småföretag": "fibervilla",
    "Skanova Fiber 2009": "fiber", "Svartfiber": "fiber", "Fiber": "fiber",
    "Kopparaccess": "koppar", "Koppar Punkt till Punkt": "koppar", "Koppar": "koppar",
    "Inplacering": "inplacering", "Etablering": "inplacering", "Samlokalisering": "inplacering",
}


@pytest.mark.parametrize("typed, name", sorted(TYPED.items()))
def test_resolves_what_users_type(typed, name):
    product = facts.resolve_product(typed)
    assert product is not None and product.name == name
    assert product.group == GROUPS[name]


def test_every_synonym_in_the_facts_file_resolves_to_its_product():
    for group, data in facts.facts()["product_groups"].items():
        for name, synonyms in data["products"].items():
            for synonym in synonyms:
                product = facts.resolve_product(f"det gäller {synonym} tack")
                assert (product.name, product.group) == (name, group), synonym


def test_most_specific_product_wins_inside_a_sentence():
    assert facts.resolve_product("order 88812345 för Koppar Punkt till Punkt").name == "Koppar Punkt till Punkt"
    assert facts.resolve_product("vår fiber villa-kund").name == "Fiber Villa"


@pytest.mark.parametrize("text", ["", "hej hej", "88812345", "leveransen är sen", "mars", "order"])
def test_no_product_in_text_without_one(text):
    assert facts.resolve_product(text) is None


def test_routing_to_the_four_mailboxes():
    assert facts.mailboxes() == {
        "fibervilla": "Kundservice-fibervilla@skanova.se",
        "fiber": "Kundservice-fiber@skanova.se",
        "koppar": "Kundservice-koppar@skanova.se",
        "inplacering": "Kundservice-inplaceringar@skanova.se",
    }


@pytest.mark.parametrize("text, kind", [
    ("förfrågan", "förfrågan"), ("forfragan", "förfrågan"), ("en förfrågning", "förfrågan"),
    ("beställningen", "beställning"), ("bestallnig", "beställning"), ("det är en order", "beställning"),
    ("leveransen", "leverans"), ("levernasen", "leverans"), ("hej", None), ("", None),
])
def test_case_kinds(text, kind):
    assert facts.resolve_case_kind(text) == kind


def test_situations_by_case_kind():
    assert facts.situations_for("förfrågan") == ["not_per_agreement"]
    assert facts.situations_for("leverans") == ["late_delivery", "unsatisfied_remedy"]
    assert facts.situations_for("beställning") == ["not_per_agreement", "order_stop"]
    assert facts.implied_case_kind("late_delivery") == "leverans"
    assert facts.implied_case_kind("order_stop") == "beställning"
    assert facts.implied_case_kind("not_per_agreement") is None


def test_product_buttons_are_products():
    for name in facts.facts()["product_buttons"]:
        assert facts.resolve_product(name).name == name


@pytest.mark.parametrize("word", ["villafibern", "Kopparaccessen", "svartfiber", "SAMLOKALISERING", "fiber,"])
def test_a_product_word_is_recognised_as_typed(word):
    assert facts.is_product_word(word)


@pytest.mark.parametrize("word", ["fiberviila", "leverans", "villa", "fiberkabel", "entityproduct", ""])
def test_other_words_and_typos_are_not_product_words(word):
    assert not facts.is_product_word(word)
