"""Welsh for the demo programmes (their names, descriptions and requirement short names),
handed to wagtail-localize as a translator's PO file would be
(home.translations.translate_snippet). A careful draft for the demo, not a professional
translation."""

WELSH = {
    "Practice Lead programme": "Rhaglen Arweinwyr Ymarfer",
    "A year of learning for the champions who lead Signs of Safety in their team: the "
    "two-day and five-day courses, eight Practice Lead sessions and the Network meeting every "
    "two months.": "Blwyddyn o ddysgu i’r hyrwyddwyr sy’n arwain Arwyddion Diogelwch yn eu "
    "tîm: y cyrsiau deuddydd a phum diwrnod, wyth sesiwn Arweinwyr Ymarfer a chyfarfod y "
    "Rhwydwaith bob deufis.",
    "Two-day training": "Hyfforddiant deuddydd",
    "Five-day advanced training": "Hyfforddiant uwch pum diwrnod",
    "Eight Practice Lead sessions": "Wyth sesiwn Arweinwyr Ymarfer",
    "Practice Lead Network meetings": "Cyfarfodydd Rhwydwaith Arweinwyr Ymarfer",
    "In-house trainer pathway": "Llwybr hyfforddwyr mewnol",
    "For in-house trainers, so the two-day course can run without external consultants: the "
    "two-day and five-day courses, train-the-trainer, the e-learning learners take, then "
    "co-delivering a two-day course alongside a licensed trainer.": "I hyfforddwyr mewnol, "
    "fel y gall y cwrs deuddydd redeg heb ymgynghorwyr allanol: y cyrsiau deuddydd a phum "
    "diwrnod, hyfforddi’r hyfforddwr, yr e-ddysgu y mae dysgwyr yn ei wneud, yna cyd-gyflwyno "
    "cwrs deuddydd ochr yn ochr â hyfforddwr trwyddedig.",
    "Train-the-trainer": "Hyfforddi’r hyfforddwr",
    "The e-learning module": "Y modiwl e-ddysgu",
    "Co-deliver the two-day training": "Cyd-gyflwyno’r hyfforddiant deuddydd",
}
