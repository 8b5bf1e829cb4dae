"""Welsh for the demo's course pages (issue 13): titles, summaries and lengths. Longer
descriptions stay in English until a translator translates them. A careful draft, not a
professional translation."""

WELSH = {
    "Courses": "Cyrsiau",
    "From the half-day briefing to the Practice Lead programme.": "O’r sesiwn friffio hanner "
    "diwrnod i’r rhaglen Arweinwyr Ymarfer.",
    "Face-to-face and online training in the Signs of Safety practice model, from a half-day "
    "briefing to the Practice Lead programme.": "Hyfforddiant wyneb yn wyneb ac ar-lein ym "
    "model ymarfer Arwyddion Diogelwch, o sesiwn friffio hanner diwrnod i’r rhaglen Arweinwyr "
    "Ymarfer.",
    "Signs of Safety: half-day briefing": "Arwyddion Diogelwch: sesiwn friffio hanner diwrnod",
    "Half a day": "Hanner diwrnod",
    "A first look at the practice model for anyone who works with children and families in "
    "the borough: what Signs of Safety is, why we use it, and what changes for you.": (
        "Golwg gyntaf ar y model ymarfer i unrhyw un sy’n gweithio gyda phlant a theuluoedd yn "
        "y fwrdeistref: beth yw Arwyddion Diogelwch, pam rydym yn ei ddefnyddio, a beth sy’n "
        "newid i chi."
    ),
    "No preparation is needed. Bring an open mind and, if you like, a case you are thinking "
    "about (without names).": "Nid oes angen paratoi. Dewch â meddwl agored ac, os hoffech, "
    "achos rydych yn meddwl amdano (heb enwau).",
    "Partner briefing: the new early help assessment forms": "Sesiwn friffio i bartneriaid: "
    "y ffurflenni asesu cymorth cynnar newydd",
    "Two and a half hours": "Dwy awr a hanner",
    "For schools, health, police and voluntary sector colleagues who complete or contribute to "
    "early help assessments: what has changed in the forms and why.": (
        "Ar gyfer cydweithwyr mewn ysgolion, iechyd, yr heddlu a’r sector gwirfoddol sy’n "
        "llenwi neu’n cyfrannu at asesiadau cymorth cynnar: beth sydd wedi newid yn y "
        "ffurflenni a pham."
    ),
    "Signs of Safety two-day training": "Hyfforddiant deuddydd Arwyddion Diogelwch",
    "Two days, usually a week apart": "Dau ddiwrnod, wythnos ar wahân fel arfer",
    "The core course for practitioners, managers and partners: mapping, danger statements, "
    "safety goals, safety planning and tools for working with children.": (
        "Y cwrs craidd ar gyfer ymarferwyr, rheolwyr a phartneriaid: mapio, datganiadau "
        "perygl, nodau diogelwch, cynllunio diogelwch ac offer ar gyfer gweithio gyda phlant."
    ),
    "Five-day advanced Signs of Safety training": "Hyfforddiant uwch pum diwrnod Arwyddion "
    "Diogelwch",
    "Five days": "Pum diwrnod",
    "For Practice Leads and senior managers who will lead the practice in their teams: "
    "advanced mapping, group supervision and appreciative inquiry.": (
        "Ar gyfer Arweinwyr Ymarfer ac uwch reolwyr a fydd yn arwain yr ymarfer yn eu timau: "
        "mapio uwch, goruchwyliaeth grŵp ac ymholi gwerthfawrogol."
    ),
    "Practice Lead training session": "Sesiwn hyfforddi Arweinwyr Ymarfer",
    "One of eight sessions over the year after the five-day course, each on one part of "
    "leading the practice.": "Un o wyth sesiwn dros y flwyddyn ar ôl y cwrs pum diwrnod, pob "
    "un ar un rhan o arwain yr ymarfer.",
    "Practice Lead Network meeting": "Cyfarfod Rhwydwaith Arweinwyr Ymarfer",
    "Two hours": "Dwy awr",
    "Every two months: peer support, practice examples and key messages from the project "
    "board.": "Bob deufis: cymorth gan gymheiriaid, enghreifftiau o ymarfer a negeseuon "
    "allweddol gan fwrdd y prosiect.",
    "Train-the-trainer: delivering the two-day course": "Hyfforddi’r hyfforddwr: cyflwyno’r "
    "cwrs deuddydd",
    "Runs alongside a two-day course, plus a preparation day": "Yn rhedeg ochr yn ochr â chwrs "
    "deuddydd, ynghyd â diwrnod paratoi",
    "For selected in-house trainers, so the two-day course can be delivered without external "
    "consultants.": "Ar gyfer hyfforddwyr mewnol dethol, fel y gellir cyflwyno’r cwrs "
    "deuddydd heb ymgynghorwyr allanol.",
    "Signs of Wellbeing for early help": "Arwyddion Lles ar gyfer cymorth cynnar",
}
