"""Welsh for the demo's home page, About page and accessibility statement (issue 13).

English source text to Welsh, handed to wagtail-localize as a translator's PO file would be
(home.translations.translate_page). A careful draft for the demo, not a professional
translation: a council would have its translation service review it."""

WELSH = {
    "Home": "Hafan",
    "Signs of Safety learning": "Dysgu Arwyddion Diogelwch",
    "Learn the Signs of Safety practice model, book your place on briefings and courses, and "
    "keep a record of your training and certificates.": "Dysgwch fodel ymarfer Arwyddion "
    "Diogelwch, archebwch eich lle ar sesiynau briffio a chyrsiau, a chadwch gofnod o’ch "
    "hyfforddiant a’ch tystysgrifau.",
    "About Signs of Safety": "Ynglŷn ag Arwyddion Diogelwch",
    "The practice model in brief, and how the training works.": "Y model ymarfer yn gryno, a "
    "sut mae’r hyfforddiant yn gweithio.",
    "Why our partnership is adopting the Signs of Safety practice model.": "Pam mae ein "
    "partneriaeth yn mabwysiadu model ymarfer Arwyddion Diogelwch.",
    "Four questions at the heart of the model": "Pedwar cwestiwn wrth wraidd y model",
    "Signs of Safety is a strengths-based, safety-organised approach to child protection and "
    "family support. Practitioners and families map what is happening under four questions:": (
        "Mae Arwyddion Diogelwch yn ddull sy’n seiliedig ar gryfderau ac sy’n canolbwyntio ar "
        "ddiogelwch ar gyfer amddiffyn plant a chymorth i deuluoedd. Mae ymarferwyr a "
        "theuluoedd yn mapio’r hyn sy’n digwydd o dan bedwar cwestiwn:"
    ),
    "What is working well?": "Beth sy’n gweithio’n dda?",
    "What are we worried about?": "Beth sy’n ein poeni?",
    "What needs to happen?": "Beth sydd angen digwydd?",
    "How worried are we, on a scale from 0 to 10?": "Pa mor bryderus ydyn ni, ar raddfa o 0 i 10?",
    "Across our partnership, council services, schools, health, police and the voluntary "
    "sector are learning to use the same language and tools, so families hear one clear "
    "message about what is working, what worries us and what needs to happen next.": (
        "Ar draws ein partneriaeth, mae gwasanaethau’r cyngor, ysgolion, iechyd, yr heddlu a’r "
        "sector gwirfoddol yn dysgu defnyddio’r un iaith a’r un offer, fel bod teuluoedd yn "
        "clywed un neges glir am yr hyn sy’n gweithio, yr hyn sy’n ein poeni a’r hyn sydd "
        "angen digwydd nesaf."
    ),
    "How the training works": "Sut mae’r hyfforddiant yn gweithio",
    "Everyone can start with the online module. Partners can book a half-day briefing; "
    "practitioners and managers take the two-day course; Practice Leads go on to the five-day "
    "advanced course and a year of practice sessions.": (
        "Gall pawb ddechrau gyda’r modiwl ar-lein. Gall partneriaid archebu sesiwn friffio "
        "hanner diwrnod; mae ymarferwyr a rheolwyr yn dilyn y cwrs deuddydd; mae Arweinwyr "
        "Ymarfer yn mynd ymlaen i’r cwrs uwch pum diwrnod a blwyddyn o sesiynau ymarfer."
    ),
    "Accessibility statement": "Datganiad hygyrchedd",
    "How accessible this website is, and what to do if you find a problem.": "Pa mor hygyrch "
    "yw’r wefan hon, a beth i’w wneud os byddwch yn dod o hyd i broblem.",
    "This website is run by Example Borough Council. We want as many people as possible to be "
    "able to use it. You should be able to change colours, contrast levels and fonts, zoom in "
    "up to 400% without the text spilling off the screen, navigate the whole website using "
    "just a keyboard or speech recognition software, and listen to it using a screen "
    "reader.": (
        "Cyngor Bwrdeistref Enghreifftiol sy’n rhedeg y wefan hon. Rydym eisiau i gymaint o "
        "bobl â phosibl allu ei defnyddio. Dylech allu newid lliwiau, lefelau cyferbyniad a "
        "ffontiau, chwyddo hyd at 400% heb i’r testun ddisgyn oddi ar y sgrin, llywio’r wefan "
        "gyfan gan ddefnyddio bysellfwrdd neu feddalwedd adnabod lleferydd yn unig, a gwrando "
        "arni gan ddefnyddio darllenydd sgrin."
    ),
    "Compliance status": "Statws cydymffurfio",
    "This website aims to be fully compliant with the Web Content Accessibility Guidelines "
    "version 2.2 AA standard. Every video in the e-learning has a transcript.": (
        "Nod y wefan hon yw cydymffurfio’n llawn â safon AA fersiwn 2.2 Canllawiau Hygyrchedd "
        "Cynnwys y We. Mae trawsgrifiad gan bob fideo yn yr e-ddysgu."
    ),
    "Reporting accessibility problems": "Rhoi gwybod am broblemau hygyrchedd",
    "If you find a problem, or need information in a different format, email the training "
    "team. We will reply within 5 working days. If you are not happy with how we respond, "
    "contact the Equality Advisory and Support Service (EASS).": (
        "Os byddwch yn dod o hyd i broblem, neu os oes angen gwybodaeth arnoch mewn fformat "
        "gwahanol, anfonwch e-bost at y tîm hyfforddi. Byddwn yn ateb o fewn 5 diwrnod gwaith. "
        "Os nad ydych yn fodlon â’n hymateb, cysylltwch â’r Gwasanaeth Cynghori a Chefnogi "
        "Cydraddoldeb (EASS)."
    ),
}
