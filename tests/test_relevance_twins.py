"""Towns named like a town abroad (data/other/place_twins.json) give no Moroccan link alone."""
import json

import pytest

from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.places import load_places
from marsad.resources import data_text


def test_every_twin_is_a_moroccan_place_of_the_gazetteer():
    twins = json.loads(data_text("other", "place_twins.json"))["twins"]
    places = load_places()
    assert twins and all(places[t].country == "MA" and countries and all(len(c) == 2 for c in countries)
                         for t, countries in twins.items())


@pytest.mark.parametrize("lang, text, relevant", [
    # another country's service at its own Mohammedia, Morocco never named: no Moroccan story
    ("ar", "أعلنت وزارة الداخلية التونسية، اليوم الجمعة، تفكيك خلية تكفيرية بالمحمدية التابعة لولاية بن عروس "
           "تتكون من أربعة عناصر.", False),
    ("fr", "Le ministère tunisien de l'Intérieur a annoncé vendredi le démantèlement d'une cellule terroriste de "
           "quatre membres à Mohammedia, dans le gouvernorat de Ben Arous.", False),
    # ... but with Morocco or a Moroccan service named, Mohammedia is Morocco's
    ("ar", "أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية بالمحمدية تتكون من أربعة عناصر، بتنسيق مع "
           "المصالح الأمنية التونسية.", True),
    ("fr", "La police marocaine a démantelé vendredi à Mohammedia une cellule terroriste de quatre membres, en "
           "coordination avec les services tunisiens.", True),
    # a town with no twin abroad keeps its Moroccan link alone
    ("fr", "Une cellule terroriste de quatre membres a été démantelée vendredi à Tanger, en coordination avec la "
           "police espagnole.", True),
])
def test_a_town_named_like_one_abroad_is_no_moroccan_link_alone(lang, text, relevant):
    assert extract(Document(id="t", text=text, published="2024-10-11", lang=lang)).relevant is relevant
