"""marsad.text.headline: the headline of a plain-text page is its first line shaped as one, past
the site's menus, dates, bylines, banners and teasers (texts written for these tests)."""
from __future__ import annotations

import pytest

from marsad.store.queries import untitled_title
from marsad.text.headline import headline

BODY_FR = ("Le Bureau central d'investigations judiciaires a démantelé mardi une cellule terroriste de trois "
           "partisans de Daech à Tanger, selon un communiqué de la DGST publié dans la soirée.")
BODY_AR = ("فككت عناصر المكتب المركزي للأبحاث القضائية، صباح اليوم الثلاثاء، خلية إرهابية موالية لتنظيم داعش "
           "تتكون من ثلاثة عناصر تنشط بمدينة طنجة، حسب بلاغ للمديرية العامة لمراقبة التراب الوطني.")
BODY_EN = ("Moroccan police on Tuesday dismantled a three-member cell loyal to the Islamic State group in the "
           "northern city of Tangier, the DGST said in a statement on Tuesday evening.")


@pytest.mark.parametrize("page, title", [
    # the site's name and menu, the day the page was viewed, a section label, a byline
    ("Le Quotidien | Accueil Politique Economie Société Monde Sport\nJeudi 1 juin 2023 | Casablanca 24°\n\n"
     "Société\nTanger : une cellule de trois partisans de Daech démantelée\n"
     "Par La Rédaction | Publié le 30/05/2023 à 09h41\n\n" + BODY_FR,
     "Tanger : une cellule de trois partisans de Daech démantelée"),
    ("Ce site utilise des cookies pour améliorer votre expérience. Accepter | Refuser\n"
     "Sécurité : le BCIJ déjoue un projet d'attentats à Tanger\n" + BODY_FR,
     "Sécurité : le BCIJ déjoue un projet d'attentats à Tanger"),
    ("Morocco Daily | News  Politics  Economy  Society  World  Sports\nThursday, February 1, 2024\n\n"
     "Morocco Dismantles ISIS Cell in Tangier\nBy Staff Writer - Jan 30, 2024\n\n" + BODY_EN,
     "Morocco Dismantles ISIS Cell in Tangier"),
    ("Skip to main content\nRead also: Two suspects held in Nador over ISIS links\n"
     "Police break up Islamic State cell in Tangier\n" + BODY_EN, "Police break up Islamic State cell in Tangier"),
    ("موقع الأخبار | الرئيسية  سياسة  مجتمع  اقتصاد  رياضة  منوعات\nالثلاثاء 30 ماي 2023 - 10:05\n"
     "الخميس 11 ذو القعدة 1444\n\"البسيج\" يفكك خلية موالية لداعش بطنجة\n" + BODY_AR,
     "\"البسيج\" يفكك خلية موالية لداعش بطنجة"),
    # a headline with a year is still a headline
    ("حصيلة 2019.. الأجهزة الأمنية تواصل الضربات الاستباقية ضد الخلايا الإرهابية\n" + BODY_AR,
     "حصيلة 2019.. الأجهزة الأمنية تواصل الضربات الاستباقية ضد الخلايا الإرهابية"),
])
def test_the_headline_of_a_page_is_past_its_chrome(page, title):
    assert headline(page) == title == untitled_title(page)


def test_a_text_with_no_line_shaped_as_a_headline_keeps_its_first_line():
    text = "Société\nMAGHREB\n" + BODY_FR * 2
    assert headline(text) is None
    assert untitled_title(text) == "Société"
