"""Event slots decided in marsad.pipeline.events: cell name, seized items, death toll, partners.

Each row is a short sentence written for these tests (no outlet's wording), with what the
slot must hold.
"""
from __future__ import annotations

import pytest

from marsad.models import Document
from marsad.pipeline.extract import extract


def _events(text: str, lang: str, published: str | None = "2024-05-08"):
    return extract(Document(id="t", text=text, published=published, lang=lang)).events


def _news(text: str, lang: str, published: str | None = "2024-05-08"):
    [ev] = [e for e in _events(text, lang, published) if not e.background and e.type != "attack"]
    return ev


@pytest.mark.parametrize("text, lang, name", [
    # a naming word a word or two before the quotes
    ("فككت عناصر المكتب المركزي للأبحاث القضائية، أمس الثلاثاء، خلية إرهابية من أربعة عناصر بمدينة فاس، "
     "وكان أفرادها يطلقون على أنفسهم اسم \"سرية الفتح المبين\".", "ar", "سرية الفتح المبين"),
    ("Moroccan police on Tuesday broke up a four-member terrorist cell in Fez which called itself "
     "\"Soldiers of the Atlas\", the interior ministry said.", "en", "Soldiers of the Atlas"),
    ("Le BCIJ a démantelé mardi à Fès une cellule de quatre membres, baptisée « Les soldats de l'Atlas », "
     "selon le ministère de l'Intérieur.", "fr", "Les soldats de l'Atlas"),
    ("Le BCIJ a démantelé mardi à Fès une cellule terroriste dont les quatre membres se faisaient appeler "
     "« Les soldats de l'Atlas ».", "fr", "Les soldats de l'Atlas"),
    # the name's article between the cell noun and the quotes («la cellule des « X »», "the cell of the 'X'")
    ("Le BCIJ a démantelé mardi à Fès la cellule des « Lions de l'Atlas », composée de quatre partisans de Daech.",
     "fr", "Lions de l'Atlas"),
    # the quotes right after an indefinite cell noun
    ("البسيج يفكك بخلية \"سرية الفتح المبين\" بفاس ويوقف أربعة عناصر", "ar", "سرية الفتح المبين"),
    # descriptions, epithets, a group's name, a quotation opened after «الخلية»: no name
    ("Le BCIJ a démantelé mardi à Fès une cellule terroriste que le ministère juge « extrêmement dangereuse », "
     "quatre individus ont été arrêtés.", "fr", None),
    ("فككت عناصر المكتب المركزي للأبحاث القضائية، أمس، خلية \"داعشية\" من أربعة عناصر بمدينة فاس كانت تخطط لأعمال إرهابية.", "ar", None),
    ("أوقفت عناصر المكتب المركزي للأبحاث القضائية، أمس، أربعة عناصر بمدينة فاس يشكلون خلية إرهابية بايعت "
     "الجماعة المسماة \"الدولة الإسلامية\".", "ar", None),
    ("فككت عناصر المكتب المركزي للأبحاث القضائية، أمس، خلية إرهابية من أربعة عناصر بمدينة فاس. "
     "وأوضح البيان أن الخلية \"كانت تخطط لاستهداف منشآت حيوية\".", "ar", None),
    ("Police arrested four terror suspects in Fez on Tuesday. The so-called \"cell\" was broken up in Morocco's north, "
     "the ministry's statement said.", "en", None),
    # a headline's scare quotes after "cell" quote a claim, not a name (a name is capitalized, on its article or
    # after it)
    ("Morocco breaks up Islamic State-linked cell 'plotting bomb attacks' in five cities\n\nMoroccan police "
     "arrested 11 suspected members of the cell in Casablanca and Fez on Wednesday, the BCIJ said.", "en", None),
    ("Le BCIJ a démantelé mercredi à Fès la cellule des « les Lions du califat », composée de quatre partisans de "
     "Daech.", "fr", "les Lions du califat"),
    # the suspects naming themselves in the next sentence, no cell noun before the naming word (blind batch h79)
    ("Le BCIJ a démantelé mercredi une cellule de neuf partisans de Daech à Fès. Les mis en cause se faisaient appeler "
     "« Katibat Attawhid ».", "fr", "Katibat Attawhid"),
    ("Police dismantled a nine-member ISIS cell in Fez on Wednesday. The suspects called themselves \"Tawhid "
     "Brigade\".", "en", "Tawhid Brigade"),
    ("فككت عناصر المكتب المركزي للأبحاث القضائية يوم الأربعاء خلية من تسعة عناصر موالين لداعش بفاس. وكان الموقوفون "
     "يطلقون على أنفسهم \"كتيبة التوحيد\".", "ar", "كتيبة التوحيد"),
    # a naming word names a cell only when a cell, network or group is spoken of before it
    ("Morocco's BCIJ arrested on Monday in Fez a suspected ISIS supporter named \"Abu Hamza al-Maghribi\", "
     "the interior ministry said.", "en", None),
    ("Police dismantled a four-member terrorist cell in Fez on Tuesday. Members of the cell shared "
     "\"hateful ideas\" online, the ministry said.", "en", None),
])
def test_cell_name_only_when_the_text_names_the_cell(text, lang, name):
    assert _news(text, lang).cell_name == name


OUJDA_EN = "Morocco's BCIJ dismantled on Monday a terrorist cell of three suspects in Oujda, the interior ministry said. "
OUJDA_AR = "فككت عناصر المكتب المركزي للأبحاث القضائية، يوم الاثنين، خلية إرهابية من ثلاثة عناصر بمدينة وجدة. "
OUJDA_FR = "Le BCIJ a démantelé lundi à Oujda une cellule terroriste de trois membres, d'après le ministère de l'Intérieur. "


@pytest.mark.parametrize("text, lang, items", [
    # explosives named as what was being made: the seized things are precursors
    (OUJDA_EN + "A search of their flat uncovered chemicals that might have served to make bombs.",
     "en", ["explosive-precursors"]),
    (OUJDA_AR + "وأسفرت عمليات التفتيش عن حجز مواد تستعمل في تصنيع \"أحزمة ناسفة\" وسكاكين.",
     "ar", ["bladed-weapons", "explosive-precursors"]),
    (OUJDA_FR + "Les perquisitions ont permis de saisir des couteaux et des fioles pour la confection de bombes artisanales.",
     "fr", ["bladed-weapons", "explosive-precursors"]),
    # explosives seized as such stay explosives
    (OUJDA_EN + "Two explosive belts and knives were seized.", "en", ["bladed-weapons", "explosives"]),
    # a sentence whose only attack word grounds no attack still lists the seizure
    (OUJDA_EN + "Officers also seized knives, laptops and a handwritten pledge to the terrorist group ISIS inciting to murder.",
     "en", ["bladed-weapons", "electronic-devices", "extremist-material"]),
])
def test_seized_items_and_precursors(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, items", [
    # words of the trade: a dual, Moroccan Darija, «digital means», fanions, rifle cartridges
    (OUJDA_AR + "وحجزت الشرطة رايتين لتنظيم داعش وجناوة من مختلف الأحجام.", "ar", ["bladed-weapons", "isis-flag"]),
    (OUJDA_AR + "وأسفرت العملية عن حجز وسائل رقمية ومعدات اتصال.", "ar", ["electronic-devices"]),
    (OUJDA_FR + "Les enquêteurs ont saisi des fanions de Daech et des cartouches de fusil.", "fr",
     ["ammunition", "isis-flag"]),
    (OUJDA_EN + "Police seized rifle cartridges and a saber.", "en", ["ammunition", "bladed-weapons"]),
    # a long list: its last items are as seized as its first
    (OUJDA_FR + "Les fouilles ont abouti à la saisie d'un important arsenal: plusieurs fusils de chasse avec une "
     "cinquantaine de cartouches, un lot d'armes blanches de toutes tailles (dont des coutelas et des haches), du "
     "matériel informatique (trois ordinateurs et une dizaine de téléphones), de l'argent en devises et des fanions.",
     "fr", ["ammunition", "bladed-weapons", "cash", "electronic-devices", "firearms", "isis-flag"]),
    # what the cell held: a verb of possession is a seizure word
    (OUJDA_FR + "Selon le directeur du BCIJ, la cellule détenait des pistolets et des produits chimiques.", "fr",
     ["explosive-precursors", "firearms"]),
    (OUJDA_EN + "Two kilograms of ammonium nitrate were also netted.", "en", ["explosive-precursors"]),
    # «under the banner of ISIS» is allegiance, not a flag
    (OUJDA_AR + "وحجزت الشرطة سكاكين، وكان أفرادها يخططون للقتال تحت راية \"داعش\".", "ar", ["bladed-weapons"]),
    (OUJDA_EN + "Police seized knives from the suspects, who meant to fight under the banner of ISIS.", "en",
     ["bladed-weapons"]),
    # a long list closed by its passive ("… were seized"): its first items, far from the verb, too
    (OUJDA_FR + "Des appareils électroniques, des armes blanches, un petit drapeau noir de Daech, des munitions de "
     "chasse et des tenues paramilitaires ont été saisis.", "fr",
     ["ammunition", "bladed-weapons", "electronic-devices", "isis-flag", "military-uniform"]),
    (OUJDA_EN + "Electronic devices, knives, a small black ISIS flag, hunting ammunition and paramilitary clothing "
     "were seized.", "en", ["ammunition", "bladed-weapons", "electronic-devices", "isis-flag", "military-uniform"]),
    # digital equipment, writings, paramilitary clothing, a handwritten pledge: in each language
    (OUJDA_EN + "Police seized digital equipment, writings praising the group and paramilitary clothing.", "en",
     ["electronic-devices", "extremist-material", "military-uniform"]),
    (OUJDA_FR + "Les enquêteurs ont saisi un équipement numérique, des écrits à la gloire de l'EI et des vêtements "
     "paramilitaires.", "fr", ["electronic-devices", "extremist-material", "military-uniform"]),
    (OUJDA_AR + "وحجزت الشرطة وثيقة مكتوبة بخط اليد تتضمن نص البيعة وملابس شبه عسكرية.", "ar",
     ["extremist-material", "military-uniform"]),
    # «coupe-coupe» is the machete's other French name; a crossbow is a weapon; «de type paramilitaire»
    (OUJDA_FR + "Les perquisitions ont permis de saisir deux coupe-coupe, une arbalète et une tenue de type "
     "paramilitaire.", "fr", ["bladed-weapons", "military-uniform", "weapons"]),
    (OUJDA_EN + "Officers seized a crossbow and two machetes.", "en", ["bladed-weapons", "weapons"]),
])
def test_seized_vocabulary_lists_and_possession(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, killed", [
    # digits glued to the words around them, as Arabic pages often print them
    ("هز انفجار إرهابي مقهى بمدينة مراكش يوم 28 أبريل 2011 وأسفر عن مقتل17 شخصا.", "ar", 17),
    # one victim named by a singular noun
    ("شهدت مدينة الدار البيضاء يوم 2 مارس 2023 اعتداء إرهابيا انتهى بمقتل شرطي مرور.", "ar", 1),
    ("The murder of a traffic policeman in Casablanca on 2 March 2023 was a terrorist act, police said.", "en", 1),
    ("In Casablanca on 2 March 2023, a traffic officer was stabbed to death in a terrorist attack.", "en", 1),
    ("In a terrorist attack in Casablanca on 2 March 2023, the victim, a traffic policeman, was stabbed to death.",
     "en", 1),
    ("L'attentat terroriste de Casablanca, le 2 mars 2023, s'est soldé par le meurtre d'un policier.", "fr", 1),
    # the toll told in the next sentence, which names no attack of its own
    ("هز انفجار إرهابي صباح اليوم سوقا شعبيا بمدينة مراكش. وأفادت السلطات المحلية بأن الحادث أودى بحياة 9 أشخاص.",
     "ar", 9),
    ("A terrorist blast ripped through a crowded market in Marrakesh on Friday. Officials said it left 9 dead.",
     "en", 9),
    ("Une bombe a explosé vendredi dans un marché de Marrakech, un attentat terroriste selon les autorités. "
     "L'explosion a fait 9 morts.", "fr", 9),
    # "tore through", like "ripped through", reports the blast itself
    ("A terrorist bomb tore through a cafe in Marrakesh on Thursday, killing at least 14 people, officials said.",
     "en", 14),
    # an attack that killed nobody
    ("تعرض شرطي بمدينة سلا يوم 1 غشت 2024 لاعتداء إرهابي بالسلاح الأبيض، ولم يسفر الاعتداء عن سقوط أي قتيل.",
     "ar", 0),
    ("A man stabbed a policeman in Sale on 1 August 2024 in a terrorist attack; no one was killed.", "en", 0),
    ("Un homme a attaqué un policier au couteau à Salé le 1er août 2024 : l'attentat terroriste n'a fait aucune "
     "victime.", "fr", 0),
])
def test_death_toll_of_an_attack(text, lang, killed):
    [ev] = [e for e in _events(text, lang, "2024-05-10") if e.type == "attack"]
    assert ev.killed == killed


@pytest.mark.parametrize("text, lang", [
    # a toll told in a relative clause is the attack named before it, not the next one of the list (blind
    # batches 6 and 9: «تفجير مقهى أركانة …، الذي أودى بحياة 17 شخصا، وجريمة إمليل …»)
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس خلية إرهابية. ولم تمنع هذه اليقظة وقوع هجمات أخرى، أبرزها "
     "تفجير مقهى أركانة بساحة جامع الفنا بمراكش في 28 أبريل 2011، الذي أودى بحياة 17 شخصا أغلبهم سياح أجانب، وجريمة "
     "إمليل في دجنبر 2018 التي راحت ضحيتها سائحتان اسكندنافيتان.", "ar"),
    ("Police dismantled a terrorist cell in Fez on Tuesday. Morocco has suffered attacks before, notably the bombing "
     "of the Argana cafe in Marrakesh in April 2011, which killed 17 people, and the murder of two Scandinavian hikers "
     "near Imlil in December 2018.", "en"),
])
def test_a_toll_in_a_relative_clause_is_the_attack_before_it(text, lang):
    attacks = [e for e in extract(Document(id="t", text=text, published="2026-05-16", lang=lang)).events
               if e.type == "attack"]
    assert [(e.places, e.killed) for e in attacks] == [(["marrakesh"], 17), (["imlil"], 2)]


def test_the_next_sentence_toll_of_another_attack_is_not_taken():
    text = ("A terrorist blast ripped through a crowded market in Marrakesh on Friday. It was the deadliest "
            "in Morocco since May 2003, when suicide bombers hit five targets in Casablanca, killing 45 people.")
    marrakesh = [e for e in _events(text, "en", "2024-05-10") if e.type == "attack" and "marrakesh" in e.places]
    assert [e.killed for e in marrakesh] == [None]




@pytest.mark.parametrize("text, lang, partners", [
    (OUJDA_AR + "وتمت العملية بتنسيق مع نظيرتها الإسبانية.", "ar", ["ES"]),
    (OUJDA_AR + "وجرت العملية في إطار التعاون الأمني مع الجانب الإسباني.", "ar", ["ES"]),
    (OUJDA_AR + "وكان زعيم الخلية على اتصال بقياديين في بؤر التوتر السورية العراقية بتنسيق من أجل إرسال مقاتلين.",
     "ar", []),
    (OUJDA_EN + "The operation was carried out in close cooperation with the Spanish police.", "en", ["ES"]),
    # a service named by its own name needs no word for a service beside it
    (OUJDA_EN + "The arrests followed intelligence from Morocco's domestic intelligence agency, the DGST, and the "
     "FBI, according to the statement.", "en", ["US"]),
    (OUJDA_FR + "L'opération a été menée à partir de renseignements de la DGST et de la Garde civile.", "fr", ["ES"]),
    (OUJDA_AR + "وجاءت العملية بناء على معلومات دقيقة وفرتها مصالح المديرية العامة لمراقبة التراب الوطني ومكتب "
     "التحقيقات الفيدرالي.", "ar", ["US"]),
    # a habitual sentence tells no one operation's partners ("regularly …, often in cooperation with …")
    ("Moroccan police arrested an ISIS supporter in Oujda on Saturday, the DGSN said. Morocco regularly announces the "
     "dismantling of what it describes as terrorist cells, often in cooperation with European and American security "
     "services.", "en", []),
    # «مالي» after a noun is "financial" («مبلغ مالي»: a sum of money), «المالية» "the finances": no Mali
    (OUJDA_AR + "وحجزت لدى المشتبه فيهم أجهزة إلكترونية ومبلغ مالي، وأظهرت المعطيات المالية أنهم تلقوا تحويلات.",
     "ar", []),
    # ... but not inside the BCIJ's nickname
    ("فكك المكتب المركزي للأبحاث القضائية المعروف بـ\"إف بي آي المغرب\"، يوم الاثنين، خلية إرهابية من ثلاثة "
     "عناصر بمدينة وجدة.", "ar", []),
    ("Morocco's FBI, the BCIJ, dismantled on Monday a terrorist cell of three suspects in Oujda.", "en", []),
])
def test_partners_only_when_a_foreign_service_took_part(text, lang, partners):
    assert _news(text, lang).partners == partners


@pytest.mark.parametrize("text, lang, items", [
    # a seizure told after an old case or a recalled attack is the news operation's
    (OUJDA_EN + "Its leader had already been jailed once, after the dismantling of a cell in Tangier in 2014. "
     "Security services seized knives and laptops.", "en", ["bladed-weapons", "electronic-devices"]),
    (OUJDA_EN + "The cell was tied to the 2003 Casablanca bombings, which killed 45 people. "
     "Searches of the suspects' homes turned up knives and laptops.", "en", ["bladed-weapons", "electronic-devices"]),
    (OUJDA_AR + "وسبق لزعيم الخلية أن اعتقل سنة 2014 إثر تفكيك خلية بطنجة. وحجزت المصالح الأمنية سكاكين وحواسيب.",
     "ar", ["bladed-weapons", "electronic-devices"]),
    # «also found», «disposait de»: the list goes on in another sentence
    (OUJDA_EN + "Police seized knives. Bottles of chemicals were also found.", "en",
     ["bladed-weapons", "explosive-precursors"]),
    (OUJDA_FR + "Elle disposait de produits destinés à la confection de bombes.", "fr", ["explosive-precursors"]),
])
def test_seized_items_told_after_an_aside(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


def test_items_of_an_old_case_told_with_it_stay_with_it():
    text = (OUJDA_AR + "وكانت السلطات قد أعلنت في 2 مارس 2020 عن تفكيك خلية إرهابية بمدينة سيدي سليمان. "
            "وأوضح بلاغ الداخلية يومها أن العملية مكنت من حجز أسلحة بيضاء.")
    events = _events(text, "ar")
    [old] = [e for e in events if e.background]
    [news] = [e for e in events if not e.background]
    assert old.seized == ["bladed-weapons"] and news.seized == []


@pytest.mark.parametrize("text, lang", [
    (OUJDA_AR + "وعرفت المملكة من قبل هجمات بالدار البيضاء سنة 2003 (33 قتيلا) ومراكش سنة 2011 (17 قتيلا).", "ar"),
    (OUJDA_EN + "Morocco has suffered attacks in Casablanca (33 dead in 2003) and Marrakesh (17 dead in 2011).", "en"),
    # (in French «morts» is an attack word of its own, so each toll is its own anchor)
    (OUJDA_FR + "Le Maroc a connu des attentats à Casablanca (2003, 33 morts) et à Marrakech (2011, 17 morts).", "fr"),
])
def test_one_attack_word_listing_several_attacks_with_their_tolls(text, lang):
    attacks = {(tuple(e.places), e.date): e.killed for e in _events(text, lang) if e.type == "attack"}
    assert attacks == {(("casablanca",), "2003"): 33, (("marrakesh",), "2011"): 17}


@pytest.mark.parametrize("text, lang, items", [
    # the dogs and experts that look for explosives are no seized explosives
    ("عثرت عناصر المكتب المركزي للأبحاث القضائية على مخبأ للأسلحة تابع لخلية إرهابية موالية لتنظيم داعش، مدفون بإقليم الراشيدية. "
     "واستعانت العناصر بكلاب مدربة على رصد المتفجرات. وأسفر الحفر عن استخراج بندقيتين وعشرة مسدسات.",
     "ar", ["firearms"]),
    ("Police found an arms cache of an ISIS-linked terrorist cell buried in Errachidia province. Sniffer dogs trained to detect explosives "
     "were brought in. Digging turned up two rifles and ten pistols.", "en", ["firearms"]),
])
def test_explosives_searched_for_are_not_seized(text, lang, items):
    [ev] = [e for e in _events(text, lang) if e.type == "seizure"]
    assert sorted(ev.seized) == items


def test_a_dual_names_two_vehicles():
    text = OUJDA_AR + "وأسفرت عمليات التفتيش عن حجز سيارتين رباعيتي الدفع وأجهزة لتحديد المواقع."
    assert sorted(_news(text, "ar").seized) == ["electronic-devices", "vehicles"]


@pytest.mark.parametrize("text, lang, items", [
    # what the suspects sought to obtain was not seized
    (OUJDA_EN + "The suspects were trying to acquire equipment and chemicals to build bombs. "
     "Police seized knives.", "en", ["bladed-weapons"]),
    (OUJDA_AR + "وكان المشتبه فيهم يسعون إلى الحصول على أسلحة نارية لتنفيذ مخططهم، وحجزت الشرطة سكاكين.",
     "ar", ["bladed-weapons"]),
    (OUJDA_FR + "Les suspects cherchaient à se procurer des armes à feu. La police a saisi des couteaux.", "fr",
     ["bladed-weapons"]),
    # the wish comes after what was seized
    (OUJDA_EN + "Police seized a laptop and the pistols the suspects had managed to obtain.", "en",
     ["electronic-devices", "firearms"]),
])
def test_what_the_suspects_wanted_is_not_seized(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang", [
    # the suspects' own hideout, raided in the arrest, is not a cache found on its own
    ("فككت عناصر المكتب المركزي للأبحاث القضائية، صباح اليوم، خلية إرهابية بمدينة وجدة. وحجزت العناصر داخل "
     "مخبأ الخلية الإرهابية أسلحة نارية وذخيرة.", "ar"),
    ("Morocco's BCIJ dismantled on Monday a terrorist cell of three suspects in Oujda. Inside their hideout "
     "officers found rifles and ammunition.", "en"),
])
def test_a_hideout_of_the_suspects_is_part_of_the_arrest(text, lang):
    events = [e for e in _events(text, lang) if not e.background]
    assert [e.type for e in events] == ["cell_dismantled"]
    assert sorted(events[0].seized) == ["ammunition", "firearms"]


@pytest.mark.parametrize("text, lang, items", [
    # forged, identity and travel documents are not extremist material; extremist documents still are
    (OUJDA_FR + "Les perquisitions ont permis de saisir des couteaux, de faux documents et des téléphones.", "fr",
     ["bladed-weapons", "electronic-devices"]),
    (OUJDA_FR + "Sur l'un d'eux, les agents ont trouvé des documents d'identité falsifiés et un poignard.", "fr",
     ["bladed-weapons"]),
    (OUJDA_EN + "Officers seized forged documents, two laptops and a machete.", "en",
     ["bladed-weapons", "electronic-devices"]),
    (OUJDA_EN + "Travel documents in other names and a hunting rifle were recovered from the flat.", "en", ["firearms"]),
    (OUJDA_AR + "وأسفرت عمليات التفتيش عن حجز وثائق هوية مزورة وهاتفين محمولين.", "ar", ["electronic-devices"]),
    (OUJDA_AR + "وحجزت الشرطة بحوزة أحدهم وثائق مزيفة وسكاكين.", "ar", ["bladed-weapons"]),
    (OUJDA_EN + "Officers seized extremist documents and two laptops.", "en",
     ["electronic-devices", "extremist-material"]),
    (OUJDA_AR + "وحجزت الشرطة وثائق تحريضية وحواسيب.", "ar", ["electronic-devices", "extremist-material"]),
])
def test_documents_that_are_not_extremist_material(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, items", [
    # Moroccan Arabic (darija) names of seized things, as a TV script or a quoted officer says them
    (OUJDA_AR + "البوليس لقاو عندهم الكرطوش وشي جناوة.", "ar", ["ammunition", "bladed-weapons"]),
    (OUJDA_AR + "وحسب مصدر أمني، حجزو عند واحد منهم الفلوس والتيليفونات.", "ar", ["cash", "electronic-devices"]),
    (OUJDA_AR + "وحجزت الشرطة بالمنزل موس كبير وشي قرطاس ديال الفردي.", "ar", ["ammunition", "bladed-weapons"]),
    # the indefinite accusative's alif (tanwin) on a verb's object: «حجزت مسدسا»
    (OUJDA_AR + "وحجزت الشرطة مسدسا وحاسوبا وسكينا.", "ar", ["bladed-weapons", "electronic-devices", "firearms"]),
    (OUJDA_AR + "وضبطت لدى أحدهم سلاحا ناريا وهاتفا محمولا.", "ar", ["electronic-devices", "firearms"]),
    # the singular a number from eleven on counts («أربع وثمانين رصاصة»), the construct dual («بندقيتي صيد»; batches 16
    # and 58)
    (OUJDA_AR + "وأسفر التفتيش عن حجز مسدس وأربع وثمانين رصاصة من عيارات مختلفة.", "ar", ["ammunition", "firearms"]),
    (OUJDA_AR + "وأسفر التفتيش عن حجز بندقيتي صيد وهاتف محمول.", "ar", ["electronic-devices", "firearms"]),
    (OUJDA_FR + "Les perquisitions ont permis la saisie d'un hachoir et de deux téléphones.", "fr",
     ["bladed-weapons", "electronic-devices"]),
])
def test_arabic_names_of_seized_things_as_spoken_and_declined(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, items", [
    # one noun shared by two items
    (OUJDA_AR + "وحجزت العناصر الأمنية بمنزل أحدهم الأسلحة النارية والبيضاء التي كانت بحوزتهم.", "ar",
     ["bladed-weapons", "firearms"]),
    (OUJDA_FR + "Les policiers ont saisi des armes à feu et blanches.", "fr", ["bladed-weapons", "firearms"]),
])
def test_two_items_sharing_one_noun(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, items", [
    # a sentence opening with «in addition» goes on with the seizure list of the sentence before
    (OUJDA_FR + "Les enquêteurs ont saisi des couteaux et des téléphones. En outre, des bidons d'acétone.", "fr",
     ["bladed-weapons", "electronic-devices", "explosive-precursors"]),
    (OUJDA_EN + "Police seized knives and laptops. In addition, two bottles of acetone.", "en",
     ["bladed-weapons", "electronic-devices", "explosive-precursors"]),
    (OUJDA_AR + "وحجزت الشرطة سكاكين وحواسيب. فضلا عن مواد كيماوية في قنينات صغيرة.", "ar",
     ["bladed-weapons", "electronic-devices", "explosive-precursors"]),
    # without the connector, a later sentence's things are not the list's
    (OUJDA_EN + "Police seized knives and laptops. Two bottles of acetone stood in the kitchen.", "en",
     ["bladed-weapons", "electronic-devices"]),
])
def test_a_seizure_list_going_on_in_the_next_sentence(text, lang, items):
    assert sorted(_news(text, lang).seized) == items


@pytest.mark.parametrize("text, lang, plot", [
    # the attacks the content they shared showed are no plot of theirs; sharing it is propaganda
    ("Police dismantled a three-member Islamic State cell in Tetouan on Monday. The suspects shared extremist digital "
     "content documenting suicide operations.", "en", []),
    ("Police dismantled a three-member Islamic State cell in Tetouan on Monday. The suspects were planning suicide "
     "attacks against security forces.", "en", ["suicide-attack"]),
    ("La police a démantelé lundi à Tétouan une cellule de trois partisans de Daech, qui partageaient des vidéos "
     "d'opérations suicides.", "fr", []),
    ("فككت المصالح الأمنية يوم الاثنين بتطوان خلية من ثلاثة عناصر موالين لداعش، كانوا ينشرون محتويات رقمية متطرفة "
     "توثق عمليات انتحارية.", "ar", []),
    ("فككت المصالح الأمنية يوم الاثنين بتطوان خلية من ثلاثة عناصر موالين لداعش، كانوا يخططون لتنفيذ عمليات "
     "انتحارية.", "ar", ["suicide-attack"]),
])
def test_attacks_shown_in_shared_content_are_no_plot(text, lang, plot):
    [ev] = extract(Document(id="t", text=text, published="2022-10-06", lang=lang)).events
    assert ev.plot == plot


@pytest.mark.parametrize("text, lang, plot", [
    # spreading the group's ideas is propaganda; joining its strongholds is joining a conflict zone
    ("Le BCIJ a démantelé mardi à Tanger une cellule de trois partisans de Daech, qui s'employaient à diffuser ses "
     "idées extrémistes et voulaient rejoindre les bastions de l'organisation au Sahel.", "fr",
     ["join-conflict-zone", "propaganda"]),
    ("Police dismantled a three-member Islamic State cell in Tangier on Tuesday. The suspects were spreading "
     "extremist ideas online and wanted to join the group's strongholds in the Sahel.", "en",
     ["join-conflict-zone", "propaganda"]),
    ("The BCIJ dismantled a four-member ISIS cell in Fes on Tuesday. The suspects were preparing to travel to "
     "training camps in the Sahel.", "en", ["join-conflict-zone"]),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس خلية من أربعة عناصر موالين لداعش، كانوا يروجون "
     "لمحتويات متطرفة.", "ar", ["propaganda"]),
    ("The BCIJ dismantled a four-member ISIS cell in Fes on Tuesday. The suspects planned to set up a \"province\" "
     "of the terror group in Morocco.", "en", ["wilaya-establishment"]),
])
def test_propaganda_and_joining_in_other_words(text, lang, plot):
    [ev] = extract(Document(id="t", text=text, published="2024-05-16", lang=lang)).events
    assert sorted(ev.plot) == plot


@pytest.mark.parametrize("text, lang", [
    # the raid on the suspects' homes, told in the next sentence, is the same operation: its towns are the event's
    ("The BCIJ dismantled a terrorist cell on Tuesday. Police raided homes in Tetouan and Martil.", "en"),
    ("A terror cell was taken apart by the BCIJ on Tuesday. Special forces stormed two homes in Tetouan and "
     "Martil.", "en"),
    ("Le BCIJ a démantelé mardi une cellule terroriste. Les forces spéciales ont pris d'assaut deux maisons à "
     "Tétouan et Martil.", "fr"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية. وداهمت القوات الخاصة منزلين بمدينتي تطوان "
     "ومرتيل.", "ar"),
])
def test_a_raid_told_in_the_next_sentence_places_the_operation(text, lang):
    assert _news(text, lang).places == ["tetouan", "martil"]


@pytest.mark.parametrize("text, lang", [
    # "the gang", "the trio": the cell told again by another name; the Sahel «bande» is a strip of land
    ("Six would-be bombers were nabbed by the BCIJ in a dawn raid on Tuesday. The gang was holed up in Tetouan.", "en"),
    ("Police arrested three ISIS suspects on Tuesday, the BCIJ said. The trio had set up a hideout in Tetouan.", "en"),
])
def test_the_cell_told_again_by_another_name_places_it(text, lang):
    assert _news(text, lang).places == ["tetouan"]


@pytest.mark.parametrize("text, lang, plot", [
    # recruiting is the suspects' plot; a recruiter they were in touch with, or recruits in general, are not
    ("Police arrested three ISIS supporters in Fes on Tuesday who were recruiting young people online, the BCIJ "
     "said.", "en", ["recruitment"]),
    ("A coordinated sweep by the BCIJ on Tuesday netted 14 suspected ISIS recruiters in Fes.", "en", ["recruitment"]),
    ("Police arrested an ISIS supporter in Fes on Tuesday who had been chatting with ISIS recruiters online, the "
     "BCIJ said.", "en", []),
    ("Le BCIJ a interpellé mardi à Fès un partisan de Daech, qui était en contact avec un recruteur de "
     "l'organisation établi à l'étranger.", "fr", []),
    ("Le BCIJ a interpellé mardi à Fès trois partisans de Daech, qui s'activaient à recruter des jeunes.", "fr",
     ["recruitment"]),
])
def test_recruiting_is_the_suspects_plot_a_recruiter_is_another_s_role(text, lang, plot):
    assert _news(text, lang).plot == plot


@pytest.mark.parametrize("text, lang, field, value", [
    # the press's other words for security forces as a target, printed extremist material, spreading content
    ("The BCIJ dismantled a three-member ISIS cell in Fes on Tuesday. The suspects were planning to target "
     "security personnel.", "en", "targets", ["security-forces"]),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس خلية من ثلاثة عناصر موالين لداعش، كانت تستهدف منشآت "
     "أمنية.", "ar", "targets", ["security-forces"]),
    ("The BCIJ dismantled a three-member ISIS cell in Fes on Tuesday. Phones and extremist printed material were "
     "seized.", "en", "seized", ["electronic-devices", "extremist-material"]),
    ("Le BCIJ a démantelé mardi à Fès une cellule de trois partisans de Daech. Des téléphones et des imprimés "
     "extrémistes ont été saisis.", "fr", "seized", ["electronic-devices", "extremist-material"]),
    ("أوقف المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس شخصين مواليين لداعش، كانا ينشطان في نشر محتويات "
     "متطرفة على الإنترنت.", "ar", "plot", ["propaganda"]),
    ("Le BCIJ a démantelé mardi à Fès une cellule de trois partisans de Daech. Ils diffusaient aussi de la "
     "propagande jihadiste en ligne.", "fr", "plot", ["propaganda"]),
    ("Italian police arrested an ISIS supporter in Bologna on Tuesday on a tip from the DGST. He was planning a knife "
     "attack on a Christmas market.", "en", "targets", ["civilians"]),
    ("Le BCIJ a démantelé mardi à Fès une cellule de trois partisans de Daech qui visait des sites sécuritaires.",
     "fr", "targets", ["security-forces"]),
    # the singular of each language's security premises (blind batch h76: a lone plotter's one target)
    ("Le BCIJ a interpellé mardi à Fès un partisan de Daech qui projetait de viser un siège sécuritaire.",
     "fr", "targets", ["security-forces"]),
    ("The BCIJ arrested an ISIS supporter in Fes on Tuesday who was planning to attack a security facility.",
     "en", "targets", ["security-forces"]),
    ("أوقف المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس شابا مواليا لداعش كان يخطط لاستهداف مقر أمني.",
     "ar", "targets", ["security-forces"]),
    # the verbs of a bomb plot: "planning to bomb", "to build a bomb" (fr «fabriquer une bombe» is in the lexicon)
    ("Police arrested an Islamic State supporter in Safi on Thursday who was planning to bomb a church, the DGST "
     "said.", "en", "plot", ["bombing"]),
    ("Police arrested an Islamic State supporter in Safi on Thursday. He had gathered nails and chemicals to build "
     "a bomb, the DGST said.", "en", "plot", ["bombing"]),
    # Spain's Guardia Civil is a service: the partner of "a joint operation of the DGST and the Spanish Guardia
    # Civil" (blind batches 8 en02 and 10 en06)
    ("A joint operation of Morocco's DGST and the Spanish Guardia Civil on Tuesday led to the arrest of five Islamic "
     "State supporters in Tangier, Barcelona and Tarragona.", "en", "partners", ["ES"]),
    # houses of worship in Arabic's plural of «دار», the group's camps as the place to join (blind batches 8, 9)
    ("أوقف المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس متطرفا موال لداعش كان يخطط لتفجير إحدى دور العبادة.",
     "ar", "targets", ["religious-sites"]),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس خلية من ثلاثة عناصر موالين لداعش، كانت تسهل التحاقهم "
     "بمعسكرات التنظيم في الساحل.", "ar", "plot", ["join-conflict-zone"]),
    ("Le BCIJ a démantelé mardi à Fès une cellule de trois partisans de Daech. Les recrues étaient orientées vers les "
     "camps de l'organisation au Sahel.", "fr", "plot", ["join-conflict-zone"]),
])
def test_slot_values_in_other_words(text, lang, field, value):
    assert sorted(getattr(_news(text, lang), field)) == value


@pytest.mark.parametrize("text, lang, agencies, targets", [
    # a service named right after a word of attack is the target, not one that made the arrests
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بفاس خلية من أربعة عناصر موالين لداعش، كانوا يخططون لمهاجمة "
     "عناصر الأمن الوطني.", "ar", ["bcij"], ["security-forces"]),
    # ... not after "against" nor past a comma
    ("In the fight against terrorism, the BCIJ dismantled a four-member ISIS cell in Fes on Tuesday.", "en",
     ["bcij"], []),
    ("Police dismantled a four-member cell in Fes that was preparing bomb attacks, the BCIJ said.", "en",
     ["bcij"], []),
])
def test_a_service_named_as_the_target(text, lang, agencies, targets):
    ev = _news(text, lang)
    assert (ev.agencies, ev.targets) == (agencies, targets)


@pytest.mark.parametrize("text, lang", [
    # a closing paragraph's plot said of groups in general is the article's context, not the cell's plot
    # (blind batches 6 and 9: "tracking recruitment networks", «les réseaux de recrutement»)
    ("Morocco's BCIJ dismantled a three-member ISIS cell in Oujda on Tuesday. The eastern region has long been a "
     "focus for security services tracking recruitment networks.", "en"),
    ("Le BCIJ a démantelé mardi à Oujda une cellule de trois partisans de Daech. Selon des observateurs, l'Oriental "
     "reste un terrain privilégié pour les réseaux de recrutement.", "fr"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء بوجدة خلية من ثلاثة عناصر موالين لداعش. ويرى باحثون أن الجهة "
     "الشرقية ظلت مجالا لنشاط الشبكات التي تعمل على استقطاب الشباب.", "ar"),
])
def test_a_plot_said_of_groups_in_general_is_context(text, lang):
    assert _news(text, lang).plot == []


@pytest.mark.parametrize("text, lang", [
    # a live blog's time stamps and an hour of the day are no count of persons (the French and Arabic rows
    # held before the rule: guards)
    ("LIVE: security updates\n\n18:40 - The suspect arrested in Azrou has been placed in police custody.\n\n"
     "17:05 - BREAKING: The BCIJ has arrested a man in Azrou suspected of links with the ISIS group.", "en"),
    ("Direct\n\n18h40 - Le suspect interpellé à Azrou a été placé en garde à vue.\n\n"
     "17h05 - Le BCIJ a interpellé à Azrou un homme soupçonné de liens avec Daech.", "fr"),
    ("على الساعة 17:05 أوقفت عناصر المكتب المركزي للأبحاث القضائية بمدينة أزرو شخصا يشتبه في ارتباطه بداعش.", "ar"),
])
def test_a_time_of_day_is_no_count(text, lang):
    assert _news(text, lang).arrested == 1


@pytest.mark.parametrize("text, lang", [
    # a defendant's status before the court («في حالة اعتقال», «poursuivis en état d'arrestation») is no arrest
    ("أجلت غرفة الجنايات بسلا النظر في ملف الخلية الموالية لداعش إلى الشهر المقبل. ومثل المتهمون، الذين تتراوح "
     "أعمارهم بين 22 و41 سنة، في حالة اعتقال، وسط حضور أمني مكثف. وكان المكتب المركزي للأبحاث القضائية قد فكك هذه الخلية في أكتوبر الماضي بمدينة برشيد.", "ar"),
    ("La chambre criminelle a reporté l'examen du dossier de la cellule de Daech au mois prochain. Les six accusés "
     "sont poursuivis en état d'arrestation. Le BCIJ avait démantelé cette cellule en octobre dernier à Berrechid.",
     "fr"),
])
def test_a_defendant_s_status_in_court_is_no_arrest(text, lang):
    events = _events(text, lang, "2026-12-03")
    assert [(e.background, e.date, e.places) for e in events] == [(True, "2026-10", ["berrechid"])]


@pytest.mark.parametrize("text, lang", [
    # a denied arrest is none: "No arrests have been made", «Aucune interpellation n'a été annoncée», «لم يتم
    # توقيف أي شخص», "has not been arrested", «n'a pas été arrêté»
    ("The BCIJ dismantled a four-member terrorist cell linked to Islamic State in Fes on Tuesday. No arrests have "
     "been made in Tangier so far. A fifth suspect has not been arrested.", "en"),
    ("Le BCIJ a démantelé mardi à Fès une cellule terroriste de quatre membres liés à Daech. Aucune interpellation "
     "n'a été annoncée à Tanger à ce stade. Un cinquième suspect n'a pas été arrêté.", "fr"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الثلاثاء خلية إرهابية موالية لداعش من أربعة أعضاء بفاس. ولم يتم توقيف "
     "أي شخص بطنجة.", "ar"),
])
def test_a_denied_arrest_is_none(text, lang):
    assert [(e.type, e.places, e.arrested) for e in _events(text, lang, "2025-05-08")] == [
        ("cell_dismantled", ["fes"], 4)]


def test_no_fewer_than_is_a_count_not_a_denial():
    # held before the negation rule: a guard on its "no figure between"
    [ev] = _events("No fewer than 12 suspected Islamic State militants were arrested in Fes on Tuesday by the BCIJ.",
                   "en", "2025-05-08")
    assert ev.arrested == 12


def test_a_day_of_the_month_in_words_is_no_age():
    # «في العشرين من أكتوبر» is the twentieth of October; «في العشرين من عمره», in his twenties, an age
    [ev] = _events("وكان المكتب المركزي للأبحاث القضائية قد فكك هذه الخلية الموالية لداعش بطنجة في العشرين من "
                   "أكتوبر الماضي.", "ar", "2026-12-03")
    assert (ev.date, ev.age_min, ev.age_max) == ("2026-10-20", None, None)
    [ev] = _events("أوقفت عناصر المكتب المركزي للأبحاث القضائية بمدينة طنجة شابا في العشرين من عمره موال لداعش.",
                   "ar", "2026-12-03")
    assert (ev.age_min, ev.age_max) == (20, 20)


@pytest.mark.parametrize("text, lang", [
    # the court a partner's suspects are brought before sits in its capital: no place of the arrest (the English
    # row held before the rule, "court" right before the town: a guard)
    ("Le BCIJ a interpellé mardi à Nador deux partisans de Daech, tandis que la police espagnole arrêtait trois "
     "complices à Malaga. Les trois suspects arrêtés en Espagne seront présentés à l'Audiencia Nacional à Madrid.",
     "fr"),
    ("Le BCIJ a interpellé mardi à Nador deux partisans de Daech, tandis que la police belge arrêtait trois "
     "complices à Anvers. Les suspects arrêtés en Belgique seront présentés à un juge d'instruction à Bruxelles.",
     "fr"),
    ("Morocco's BCIJ arrested two ISIS supporters in Nador on Tuesday, while Spanish police detained three "
     "accomplices in Malaga. The three will be brought before the Audiencia Nacional in Madrid.", "en"),
])
def test_a_court_s_seat_abroad_is_no_place_of_the_arrest(text, lang):
    places = {p for e in _events(text, lang, "2026-11-19") for p in e.places}
    assert "nador" in places and "madrid" not in places and "brussels" not in places


@pytest.mark.parametrize("text, lang", [
    # a cell named by its towns in a court report («خلية فاس وتازة وصفرو», «la cellule de Fès et Taza»): all its towns
    ("وفي ملف آخر، أجلت الغرفة نفسها النظر في قضية المتهمين في خلية فاس وتازة وصفرو، التي فككها المكتب المركزي "
     "للأبحاث القضائية في شتنبر الماضي، وهي خلية موالية لداعش.", "ar"),
    ("وأصدرت الهيئة أحكاما في حق المتهمين في ملف \"خلية فاس وتازة وصفرو\"، التي جرى تفكيكها في شتنبر الماضي، "
     "بعدما أدانتهم بتهم الإشادة بتنظيم داعش.", "ar"),
])
def test_a_cell_named_by_its_towns_is_placed_in_all_of_them(text, lang):
    [ev] = _events(text, lang, "2026-12-03")
    assert (ev.background, ev.date, ev.places) == (True, "2026-09", ["fes", "taza", "sefrou"])


@pytest.mark.parametrize("text, lang", [
    # a broadcast script cuts the list of what was seized into sentences of one item each
    ("البسيج يضرب من جديد. خلية إرهابية موالية لداعش تسقط اليوم الاثنين بالقنيطرة. أربعة موقوفين. في منازل "
     "الموقوفين، عثر المحققون على بندقية صيد. وخراطيش. وهواتف.", "ar"),
    ("Le BCIJ frappe encore. Une cellule de quatre partisans de Daech démantelée ce lundi à Kénitra. Dans leurs "
     "domiciles, les enquêteurs ont saisi un fusil de chasse. Des cartouches. Des téléphones.", "fr"),
    ("The BCIJ strikes again. A four-member ISIS cell was dismantled in Kenitra this Monday. In their homes, "
     "investigators seized a hunting rifle. Ammunition. Phones.", "en"),
])
def test_items_told_one_to_a_sentence_go_on_with_the_list(text, lang):
    [ev] = _events(text, lang, "2026-11-02")
    assert (ev.arrested, ev.seized) == (4, ["firearms", "ammunition", "electronic-devices"])


@pytest.mark.parametrize("text, lang", [
    # «المكتب», "the bureau", «le Bureau» alone as the agent, in an article that named the BCIJ before
    ("تمكن المكتب المركزي للأبحاث القضائية اليوم من تفكيك خلية موالية لداعش بطنجة. ويذكر أن المكتب ذاته كان قد "
     "فكك، في فبراير 2019، خلية إرهابية بمدينة آسفي تتكون من خمسة عناصر.", "ar"),
    ("The Central Bureau of Judicial Investigation (BCIJ) dismantled an ISIS cell in Tangier on Monday. In February "
     "2019, the bureau had dismantled a five-member cell in Safi.", "en"),
    ("Le Bureau central d'investigations judiciaires (BCIJ) a démantelé lundi une cellule de Daech à Tanger. En "
     "février 2019, le Bureau avait démantelé une cellule de cinq membres à Safi.", "fr"),
])
def test_the_bureau_named_alone_is_the_bcij(text, lang):
    recalled = [e for e in _events(text, lang, "2026-03-10") if e.background]
    assert [(e.places, e.agencies) for e in recalled] == [(["safi"], ["bcij"])]


@pytest.mark.parametrize("text, lang, ages", [
    # the youngest's age alone is a minimum, the oldest's a maximum
    ("The BCIJ arrested five suspected ISIS supporters in Agadir, the youngest aged 19.", "en", (19, None)),
    ("Le BCIJ a interpellé à Agadir cinq partisans présumés de Daech, dont le plus jeune est âgé de 19 ans.", "fr",
     (19, None)),
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش، أصغرهم يبلغ من العمر 19 سنة.", "ar",
     (19, None)),
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. أصغرهم قاصر في السابعة عشرة. "
     "وأكبرهم في الثامنة والعشرين.", "ar", (17, 28)),
    # French restricts with «ne … que», «à peine»; «en a» is "is (of them)" (batches 30 and 60: «Le plus jeune n'a que
    # 18 ans ; l'aîné en a 29», «dont le plus jeune n'a que 19 ans»); English says "eldest" as well as "oldest"
    ("Le BCIJ a interpellé à Agadir cinq partisans présumés de Daech. Le plus jeune n'a que 18 ans ; l'aîné en a 29.",
     "fr", (18, 29)),
    ("Cinq partisans présumés de Daech, dont le plus jeune n'a que 19 ans, ont été interpellés à Agadir par le BCIJ.",
     "fr", (19, None)),
    ("Le BCIJ a interpellé à Agadir cinq partisans présumés de Daech. Le plus jeune a à peine 17 ans.", "fr",
     (17, None)),
    ("The BCIJ arrested five suspected ISIS supporters in Agadir. The youngest is 19 and the eldest is 31.", "en",
     (19, 31)),
    # Arabic's superlative in construct, "the youngest of the detainees" (batch 68: «ويبلغ أصغر الموقوفين 20 سنة»)
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. ويبلغ أصغر الموقوفين 20 سنة.", "ar",
     (20, None)),
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. وأكبر المتهمين يبلغ من العمر 41 عاما.",
     "ar", (None, 41)),
])
def test_the_youngest_s_age_is_a_minimum_and_the_oldest_s_a_maximum(text, lang, ages):
    [ev] = _events(text, lang, "2026-11-27")
    assert (ev.age_min, ev.age_max) == ages


@pytest.mark.parametrize("text, ages", [
    # English news style: an age between commas after the person ("the cell's leader, 33,"), "the youngest member
    # of the cell is 21", "the suspects were between 20 and 46"
    ("The BCIJ dismantled a six-member ISIS cell in Berrechid on Tuesday. The youngest member of the cell is 21. "
     "Security sources said the cell's leader, 33, had been in contact with an ISIS operative.", (21, 33)),
    ("The BCIJ broke up a seven-member ISIS-linked cell in Safi on Tuesday. The suspects were between 20 and 46, "
     "mostly unemployed.", (20, 46)),
    ("The BCIJ broke up a seven-member ISIS-linked cell in Safi on Tuesday. The youngest of those arrested is 22, "
     "the oldest 38.", (22, 38)),
    # ... not a distance or a time ("were between 20 and 30 kilometres from the coast")
    ("The BCIJ broke up a seven-member ISIS-linked cell in Safi on Tuesday. The suspects were between 20 and 30 "
     "kilometres from the coast.", (None, None)),
])
def test_english_ages_in_news_style(text, ages):
    [ev] = _events(text, "en", "2024-07-12")
    assert (ev.age_min, ev.age_max) == ages


@pytest.mark.parametrize("text, ages", [
    # «تتراوح أعمار X بين»: the ages' owner may be a noun phrase of two or three words
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. وتتراوح أعمار المشتبه فيهم بين 19 و33 "
     "سنة.", (19, 33)),
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. وتتراوح أعمار أعضاء هذه الخلية ما بين 21 "
     "و40 عاما.", (21, 40)),
    # an aside set off by commas inside the phrase, the unit after the first number only (batches 60, 71)
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. وتتراوح أعمار الموقوفين، وفق البيان، بين "
     "18 و40 عاماً.", (18, 40)),
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش، تتراوح أعمارهم بين 19 سنة و45.", (19, 45)),
    # ... a sentence of another range («مدة العقوبة»: a term in years) stays none
    ("أوقف المكتب المركزي للأبحاث القضائية بأكادير خمسة أشخاص موالين لداعش. وتتراوح العقوبات التي تنتظر المتهمين في "
     "مثل هذه القضايا بين 5 و10 سنوات.", (None, None)),
])
def test_the_ages_of_a_named_group_in_arabic(text, ages):
    [ev] = _events(text, "ar", "2026-11-27")
    assert (ev.age_min, ev.age_max) == ages


@pytest.mark.parametrize("text, lang", [
    # an explainer's list under a heading that names the haul: each line's items are seized
    ("The BCIJ dismantled a 12-member ISIS cell in Casablanca and Fez on Wednesday.\n\nThe arsenal\n"
     "- Two handguns and about 30 rounds of ammunition\n- Five machetes, cash and phones", "en"),
    ("Le BCIJ a démantelé mercredi une cellule de Daech de douze membres à Casablanca et Fès.\n\nLes saisies\n"
     "- Deux pistolets et une trentaine de cartouches\n- Cinq machettes, de l'argent liquide et des téléphones",
     "fr"),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الأربعاء خلية موالية لداعش من اثني عشر عنصرا بالدار البيضاء وفاس.\n\n"
     "المحجوزات\n- مسدسان وثلاثون خرطوشة\n- خمسة سواطير ومبالغ مالية وهواتف", "ar"),
    # ... or under a lead-in ending on a colon, however long, a blank line between or not
    ("The BCIJ dismantled a 12-member ISIS cell in Casablanca and Fez on Wednesday.\n\nAccording to the bureau's "
     "statement, investigators seized:\n\n• two handguns and about 30 rounds of ammunition;\n• five machetes;\n"
     "• cash and phones.", "en"),
    ("Le BCIJ a démantelé mercredi une cellule de Daech de douze membres à Casablanca et Fès.\n\nSelon le communiqué, "
     "les enquêteurs ont saisi :\n- deux pistolets et une trentaine de cartouches ;\n- cinq machettes ;\n- de "
     "l'argent liquide et des téléphones.", "fr"),
])
def test_items_listed_under_a_heading_that_names_the_haul(text, lang):
    [ev] = _events(text, lang, "2025-09-26")
    assert {"firearms", "ammunition", "bladed-weapons", "cash", "electronic-devices"} <= set(ev.seized), ev.seized


def test_items_listed_under_another_heading_are_not_seized():
    text = ("The BCIJ dismantled a 12-member ISIS cell in Casablanca and Fez on Wednesday.\n\nWhat they wanted\n"
            "- To buy handguns and ammunition")
    [ev] = _events(text, "en", "2025-09-26")
    assert ev.seized == []


@pytest.mark.parametrize("text, lang, arrested", [
    # persons of both sexes told apart are one count, the sum: "three men and a woman", «trois hommes et une femme»,
    # «ثلاثة رجال وامرأة» (a noun of men alone counts no suspects: «ثلاثة من رجال الأمن» are officers)
    ("Moroccan police on Monday dismantled a cell of three men and a woman loyal to the Islamic State group in "
     "Marrakesh.", "en", 4),
    ("Police arrested two men and two women in Tangier on Monday over links to an Islamic State cell.", "en", 4),
    ("La police marocaine a démantelé lundi à Marrakech une cellule de trois hommes et une femme liée à Daech.", "fr", 4),
    ("La BCIJ a interpellé lundi à Tanger quatre hommes et deux femmes soupçonnés de liens avec Daech.", "fr", 6),
    ("فككت المصالح الأمنية يوم الاثنين بمراكش خلية إرهابية تتكون من ثلاثة رجال وامرأة موالية لداعش.", "ar", 4),
    ("أوقفت عناصر المكتب المركزي للأبحاث القضائية يوم الاثنين بطنجة أربعة رجال وامرأتين للاشتباه في صلتهم بداعش.",
     "ar", 6),
    ("أصيب ثلاثة من رجال الأمن خلال تفكيك خلية إرهابية بطنجة يوم الاثنين.", "ar", None),
    # ... and so are the members of one family: "two brothers and their cousin", «شقيقين وابن عمهما» (batches 55, 57)
    ("Moroccan police arrested two brothers and their cousin in Safi on Monday over an ISIS bomb plot.", "en", 3),
    ("La BCIJ a interpellé lundi à Safi deux frères et leur cousin soupçonnés de liens avec Daech.", "fr", 3),
    ("فكك المكتب المركزي للأبحاث القضائية يوم الاثنين بآسفي خلية إرهابية من شقيقين وابن عمهما موالية لداعش.", "ar", 3),
    # (a sum that names the persons of a count right before it is no count of its own)
    ("The BCIJ arrested five ISIS suspects on Monday. Three of the suspects, two brothers and their cousin, were "
     "detained in Inezgane.", "en", 5),
])
def test_men_and_women_are_one_count(text, lang, arrested):
    assert _news(text, lang).arrested == arrested


@pytest.mark.parametrize("text, lang", [
    # «خططت», «خططوا»: the past of planning (the cell planned bombings) makes the attack word a plot, not an attack
    ("فكك المكتب المركزي للأبحاث القضائية يوم الاثنين بآسفي خلية إرهابية خططت لتفجيرات.", "ar"),
    ("أوقف المكتب المركزي للأبحاث القضائية يوم الاثنين بآسفي ثلاثة موالين لداعش خططوا لتفجيرات.", "ar"),
])
def test_a_past_plan_is_no_attack(text, lang):
    assert [e.type for e in _events(text, lang, "2025-05-14")] == ["cell_dismantled"]


@pytest.mark.parametrize("text, lang, target", [
    # words for police premises (lexicon ``target``: «مركز للشرطة», "police buildings", «postes de police»)
    ("Police arrested four men in Oujda on Tuesday who were plotting to bomb police buildings, the BCIJ said.", "en",
     "security-forces"),
    ("The BCIJ arrested three ISIS supporters in Agadir on Tuesday who planned to storm police premises.", "en",
     "security-forces"),
    ("Le BCIJ a interpellé mardi à Oujda quatre partisans de Daech qui projetaient d'attaquer des postes de police.",
     "fr", "security-forces"),
    ("أوقفت المصالح الأمنية يوم الثلاثاء بأكادير ثلاثة موالين لداعش كانوا يخططون لاقتحام مركز للشرطة.", "ar",
     "security-forces"),
])
def test_targets_police_premises(text, lang, target):
    assert target in _news(text, lang).targets


@pytest.mark.parametrize("text, lang", [
    # an attack closed by its author's arrest ("before being arrested", «avant d'être interpellé», «قبل أن يتم
    # توقيفه»): one attack, dated by the day in its clause, with one arrested; no operation of its own
    ("A man stabbed two police officers in Tangier on Saturday before being arrested, the DGSN said. He had pledged "
     "allegiance to the Islamic State group.", "en"),
    ("Un homme a poignardé deux policiers samedi à Tanger avant d'être interpellé, a indiqué la DGSN. Il avait prêté "
     "allégeance à Daech.", "fr"),
    ("أقدم شخص موال لداعش يوم السبت على طعن شرطيين بطنجة قبل أن يتم توقيفه، حسب المديرية العامة للأمن الوطني.", "ar"),
])
def test_an_attack_closed_by_its_author_s_arrest_is_one_attack(text, lang):
    events = _events(text, lang, "2025-08-28")
    assert [(e.type, e.date, e.places, e.arrested) for e in events] == [("attack", "2025-08-23", ["tangier"], 1)]


@pytest.mark.parametrize("text, lang", [
    # the persons a wounding word hits and the age of the one it killed are the victims', not the suspects'
    ("Moroccan police arrested an Islamic State supporter in Fes on Monday. The man stabbed three people in central "
     "Fes last month, killing a 61-year-old man, the DGSN said.", "en"),
])
def test_the_victims_of_a_stabbing_are_no_suspects(text, lang):
    for e in _events(text, lang, "2025-08-28"):
        assert e.arrested in (None, 1) and e.age_min != 61
