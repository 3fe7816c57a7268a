"""marsad.pipeline.language: ar, fr, en or other, from letters and function words."""
from __future__ import annotations

import pytest

from marsad.pipeline.language import detect_language


@pytest.mark.parametrize("text, lang", [
    ("تمكنت عناصر المكتب المركزي للأبحاث القضائية من تفكيك خلية إرهابية بمدينة طنجة", "ar"),
    ("أعلن المكتب المركزي للأبحاث القضائية BCIJ التابع لـ DGST عن توقيف متطرف", "ar"),
    ("الرباط", "ar"),                      # short, but nothing else
    ("١٩ فبراير ٢٠٢٥ - الرباط", "ar"),
    ("Le Bureau central d'investigations judiciaires a démantelé une cellule terroriste à Tanger", "fr"),
    ("Le BCIJ a arrêté à Tanger un partisan de « داعش » âgé de 25 ans, selon un communiqué", "fr"),
    ("MAROC : LE BCIJ DÉMANTÈLE UNE CELLULE DE DAECH DANS LA RÉGION DE TANGER", "fr"),
    ("Il a été arrêté", "fr"),
    ("The Moroccan police dismantled a terrorist cell in the city of Tangier and arrested four suspects", "en"),
    ("He was arrested in the city", "en"),
    ("Die Polizei hat in Marokko eine Terrorzelle zerschlagen und vier Verdächtige festgenommen", "other"),
    ("Tanger, Fès et Oujda", "other"),     # too few function words to tell
    ("12345 !!! 2003/05/16", "other"),
    ("", "other"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_arabic_article_with_french_names_and_acronyms_is_arabic():
    text = ("أوقفت عناصر الفرقة الوطنية للشرطة القضائية (BNPJ) بتنسيق مع la DGST متطرفا بمدينة Fès "
            "كان ينشط في الترويج لأفكار تنظيم Daech عبر مواقع التواصل الاجتماعي")
    assert detect_language(text) == "ar"


def test_french_article_quoting_arabic_is_french():
    text = ("Selon le communiqué, le suspect, qui se faisait appeler « أبو محمد », était en contact avec "
            "des membres de l'organisation terroriste dans la région du Sahel et préparait un attentat.")
    assert detect_language(text) == "fr"


def test_only_the_start_of_a_long_text_is_read():
    english = "The police arrested the suspect in the city of Casablanca on Monday. " * 80
    assert detect_language(english + "تفكيك خلية إرهابية " * 500) == "en"


def test_spanish_is_other():
    text = "La policía española detuvo a un presunto yihadista en Ceuta con la ayuda de los servicios marroquíes"
    assert detect_language(text) == "other"
