"""Welsh for the demo's e-learning: the module, its first two lessons (their exercises included)
and the assessment, and the half-day briefing page (issue 13). Longer lesson paragraphs not
listed here stay in English until a translator translates them in the admin ("Translate this
page") or through a PO file. A careful draft, not a professional translation."""

WELSH = {
    # The e-learning section and the module
    "E-learning": "E-ddysgu",
    "Start the online module: seven short lessons and a check.": "Dechrau’r modiwl ar-lein: "
    "saith gwers fer a phrawf.",
    "Learn the Signs of Safety practice model online, at your own pace.": "Dysgwch fodel "
    "ymarfer Arwyddion Diogelwch ar-lein, ar eich cyflymder eich hun.",
    "Introduction to Signs of Safety": "Cyflwyniad i Arwyddion Diogelwch",
    "An online introduction to Signs of Safety for all staff and partners.": "Cyflwyniad "
    "ar-lein i Arwyddion Diogelwch ar gyfer yr holl staff a phartneriaid.",
    "The practice model in seven short lessons: the four questions, the three columns, "
    "scaling, danger statements and safety goals, and tools for hearing from children and "
    "finding who can help.": (
        "Y model ymarfer mewn saith gwers fer: y pedwar cwestiwn, y tair colofn, graddio, "
        "datganiadau perygl a nodau diogelwch, ac offer ar gyfer clywed gan blant a chanfod "
        "pwy all helpu."
    ),
    "This module introduces the Signs of Safety practice model that our children's services "
    "and partner agencies are adopting together. It is for everyone: social workers and "
    "managers, teachers, health visitors, school nurses, police officers, family support "
    "workers and volunteers.": (
        "Mae’r modiwl hwn yn cyflwyno model ymarfer Arwyddion Diogelwch y mae ein gwasanaethau "
        "plant a’n hasiantaethau partner yn ei fabwysiadu gyda’i gilydd. Mae ar gyfer pawb: "
        "gweithwyr cymdeithasol a rheolwyr, athrawon, ymwelwyr iechyd, nyrsys ysgol, swyddogion "
        "yr heddlu, gweithwyr cymorth i deuluoedd a gwirfoddolwyr."
    ),
    "Work through the lessons at your own pace. Your answers to the exercises are saved "
    "privately to you, so you can come back to them before a course or a supervision session. "
    "The module finishes with a short assessment.": (
        "Gweithiwch drwy’r gwersi ar eich cyflymder eich hun. Caiff eich atebion i’r "
        "ymarferion eu cadw’n breifat i chi, fel y gallwch ddod yn ôl atynt cyn cwrs neu "
        "sesiwn oruchwylio. Mae’r modiwl yn gorffen gydag asesiad byr."
    ),
    "explain what strengths-based, safety-organised practice means": "esbonio beth yw ystyr "
    "ymarfer sy’n seiliedig ar gryfderau ac sy’n canolbwyntio ar ddiogelwch",
    "map a family's situation using the four questions and the three columns": "mapio "
    "sefyllfa teulu gan ddefnyddio’r pedwar cwestiwn a’r tair colofn",
    "use a scaling question to say how worried you are, and why": "defnyddio cwestiwn "
    "graddio i ddweud pa mor bryderus ydych chi, a pham",
    "write a clear danger statement and a matching safety goal": "ysgrifennu datganiad "
    "perygl clir a nod diogelwch sy’n cyfateb iddo",
    "name the tools for hearing children's views and when to use them": "enwi’r offer ar "
    "gyfer clywed barn plant a phryd i’w defnyddio",
    "find the people who can help a family keep a child safe": "dod o hyd i’r bobl a all "
    "helpu teulu i gadw plentyn yn ddiogel",
    # Lesson 1
    "What Signs of Safety is, and why we use it": "Beth yw Arwyddion Diogelwch, a pham rydym "
    "yn ei ddefnyddio",
    "A practice model that takes harm seriously and builds on what is working.": "Model "
    "ymarfer sy’n cymryd niwed o ddifrif ac sy’n adeiladu ar yr hyn sy’n gweithio.",
    "Rigorous and respectful at the same time": "Trylwyr a pharchus ar yr un pryd",
    "One language across the partnership": "Un iaith ar draws y bartneriaeth",
    "In short: be clear about the danger, build on what is working, and involve the family "
    "and the people around them in making the child safe.": (
        "Yn gryno: byddwch yn glir am y perygl, adeiladwch ar yr hyn sy’n gweithio, a "
        "chynhwyswch y teulu a’r bobl o’u cwmpas wrth wneud y plentyn yn ddiogel."
    ),
    "What does 'safety-organised' mean in Signs of Safety?": "Beth yw ystyr 'canolbwyntio ar "
    "ddiogelwch' yn Arwyddion Diogelwch?",
    "Everything we do is aimed at the child being safe enough, and the worries are stated "
    "clearly": "Mae popeth a wnawn wedi’i anelu at sicrhau bod y plentyn yn ddigon diogel, ac "
    "mae’r pryderon yn cael eu datgan yn glir",
    "Right. Being safety-organised keeps the whole plan focused on the child's safety.": (
        "Cywir. Mae canolbwyntio ar ddiogelwch yn cadw’r cynllun cyfan yn canolbwyntio ar "
        "ddiogelwch y plentyn."
    ),
    "We only work with families once the child has been removed to safety": "Dim ond ar ôl i’r "
    "plentyn gael ei symud i ddiogelwch rydym yn gweithio gyda theuluoedd",
    "No. Most Signs of Safety work happens with children living at home.": "Na. Mae’r rhan "
    "fwyaf o waith Arwyddion Diogelwch yn digwydd gyda phlant sy’n byw gartref.",
    "We avoid talking about harm so that families stay engaged": "Rydym yn osgoi siarad am "
    "niwed fel bod teuluoedd yn parhau i ymgysylltu",
    "No. The model asks us to be open and precise about harm and danger.": "Na. Mae’r model "
    "yn gofyn i ni fod yn agored ac yn fanwl gywir am niwed a pherygl.",
    "Think of a family you have worked with. What was one strength you noticed, and did it "
    "make it into your records?": (
        "Meddyliwch am deulu rydych wedi gweithio gydag ef. Beth oedd un cryfder a welsoch, ac "
        "a gafodd ei gynnwys yn eich cofnodion?"
    ),
    "Only you can see what you write here. Do not include names or details that would "
    "identify anyone.": "Dim ond chi all weld yr hyn rydych yn ei ysgrifennu yma. Peidiwch â "
    "chynnwys enwau na manylion a fyddai’n adnabod unrhyw un.",
    # Lesson 2
    "The four questions and the three columns": "Y pedwar cwestiwn a’r tair colofn",
    "The questions at the heart of the model, and how to map a case on one page.": "Y "
    "cwestiynau wrth wraidd y model, a sut i fapio achos ar un dudalen.",
    "Signs of Safety organises our thinking around four questions:": "Mae Arwyddion Diogelwch "
    "yn trefnu ein meddwl o amgylch pedwar cwestiwn:",
    "<b>What is working well?</b> Strengths, and the safety that already exists.": "<b>Beth "
    "sy’n gweithio’n dda?</b> Cryfderau, a’r diogelwch sy’n bodoli eisoes.",
    "<b>What are we worried about?</b> Harm that has happened, danger we fear for the future, "
    "and things that make the situation harder.": (
        "<b>Beth sy’n ein poeni?</b> Niwed sydd wedi digwydd, perygl rydym yn ei ofni ar gyfer "
        "y dyfodol, a phethau sy’n gwneud y sefyllfa’n anoddach."
    ),
    "<b>What needs to happen?</b> The next steps and the safety goals.": "<b>Beth sydd angen "
    "digwydd?</b> Y camau nesaf a’r nodau diogelwch.",
    "<b>How worried are we?</b> A judgement on a scale from 0 to 10.": "<b>Pa mor bryderus "
    "ydyn ni?</b> Barn ar raddfa o 0 i 10.",
    "The three columns": "Y tair colofn",
    "Keep the columns balanced. A map with twenty worries and one strength usually means we "
    "have not looked hard enough for what is working, not that nothing is.": (
        "Cadwch y colofnau’n gytbwys. Mae map ag ugain pryder ac un cryfder fel arfer yn "
        "golygu nad ydym wedi edrych yn ddigon caled am yr hyn sy’n gweithio, nid nad oes dim "
        "yn gweithio."
    ),
    "Be specific": "Byddwch yn benodol",
    "Which of these belongs in the 'what's working well' column?": "Pa un o’r rhain sy’n "
    "perthyn i’r golofn 'beth sy’n gweithio’n dda'?",
    "Grandad collects the children from school every day and they are always on time": "Mae "
    "Taid yn casglu’r plant o’r ysgol bob dydd ac maen nhw bob amser ar amser",
    "Right. It is specific, observed and protective.": "Cywir. Mae’n benodol, wedi’i weld ac "
    "yn amddiffynnol.",
    "The family seems nice": "Mae’r teulu’n ymddangos yn neis",
    "This is too vague to act on. What exactly have you seen that is working?": "Mae hyn yn "
    "rhy amwys i weithredu arno. Beth yn union ydych chi wedi’i weld sy’n gweithio?",
    "Dad was arrested after an incident at home in March": "Cafodd Dad ei arestio ar ôl "
    "digwyddiad gartref ym mis Mawrth",
    "This is past harm or a worry: it belongs in the middle column.": "Niwed yn y gorffennol "
    "neu bryder yw hwn: mae’n perthyn i’r golofn ganol.",
    "Amira, aged 6": "Amira, 6 oed",
    # The assessment
    "Assessment": "Asesiad",
    "Ten questions drawn from what you have learned. Take your time: you can try again as "
    "often as you need.": "Deg cwestiwn yn seiliedig ar yr hyn rydych wedi’i ddysgu. "
    "Cymerwch eich amser: gallwch roi cynnig arall arni mor aml ag sydd angen.",
    "What are the first three of the four questions?": "Beth yw tri cyntaf y pedwar cwestiwn?",
    "What is working well? What are we worried about? What needs to happen?": "Beth sy’n "
    "gweithio’n dda? Beth sy’n ein poeni? Beth sydd angen digwydd?",
    "Who is to blame? What happened? What is the risk score?": "Pwy sydd ar fai? Beth "
    "ddigwyddodd? Beth yw’r sgôr risg?",
    "What is the referral? Who is the lead agency? When is the next review?": "Beth yw’r "
    "atgyfeiriad? Pwy yw’r asiantaeth arweiniol? Pryd mae’r adolygiad nesaf?",
    "On a Signs of Safety scale for child protection, what does 10 mean?": "Ar raddfa "
    "Arwyddion Diogelwch ar gyfer amddiffyn plant, beth yw ystyr 10?",
    "The child is safe enough for the case to be closed": "Mae’r plentyn yn ddigon diogel i’r "
    "achos gael ei gau",
    "The child will certainly be harmed again": "Bydd y plentyn yn sicr yn cael ei niweidio eto",
    "The family is fully engaged with services": "Mae’r teulu’n ymgysylltu’n llawn â gwasanaethau",
    "On the same scale, what does 0 mean?": "Ar yr un raddfa, beth yw ystyr 0?",
    "Nobody has scaled the case yet": "Nid oes neb wedi graddio’r achos eto",
    "There are no strengths in the family": "Nid oes cryfderau yn y teulu",
    "What is the main purpose of a scaling question?": "Beth yw prif bwrpas cwestiwn graddio?",
    "To open a conversation about why people see the situation as they do": "Agor sgwrs am "
    "pam mae pobl yn gweld y sefyllfa fel y maent",
    "To produce a risk score that decides the outcome": "Cynhyrchu sgôr risg sy’n penderfynu’r "
    "canlyniad",
    "To replace the written assessment": "Disodli’r asesiad ysgrifenedig",
    "A parent scales 8 and the teacher scales 3. What should you do?": "Mae rhiant yn rhoi 8 "
    "a’r athro’n rhoi 3. Beth ddylech chi ei wneud?",
    "Explore the reasons behind each number": "Archwilio’r rhesymau y tu ôl i bob rhif",
    "Record the average": "Cofnodi’r cyfartaledd",
    "Record only the professional's number": "Cofnodi rhif y gweithiwr proffesiynol yn unig",
    "Which of these is the clearest entry for 'what's working well'?": "Pa un o’r rhain yw’r "
    "cofnod cliriaf ar gyfer 'beth sy’n gweithio’n dda'?",
    "Dad has walked the children to school every day this term": "Mae Dad wedi cerdded y plant "
    "i’r ysgol bob dydd y tymor hwn",
    "Dad is a loving parent": "Mae Dad yn rhiant cariadus",
    "Dad says things are fine": "Mae Dad yn dweud bod pethau’n iawn",
    "Where does 'Mum lost her job last month' belong on a three columns map?": "Ble mae 'Collodd "
    "Mam ei swydd y mis diwethaf' yn perthyn ar fap tair colofn?",
    "Under what we are worried about, as a complicating factor": "O dan beth sy’n ein poeni, "
    "fel ffactor cymhlethu",
    "Under what needs to happen": "O dan beth sydd angen digwydd",
    "It should be left off the map": "Dylid ei adael oddi ar y map",
    "Which of these should a danger statement include? Select all that apply.": "Pa rai o’r "
    "rhain y dylai datganiad perygl eu cynnwys? Dewiswch bob un sy’n berthnasol.",
    "Who is worried": "Pwy sy’n bryderus",
    "What might happen to the child if nothing changes": "Beth allai ddigwydd i’r plentyn os "
    "na fydd dim yn newid",
    "A diagnosis of the parent's personality": "Diagnosis o bersonoliaeth y rhiant",
    "Legal terms the family may not know": "Termau cyfreithiol nad yw’r teulu efallai’n eu gwybod",
    "What makes a good safety goal?": "Beth sy’n gwneud nod diogelwch da?",
    "It describes what people will be doing to keep the child safe, and for how long": "Mae’n "
    "disgrifio beth fydd pobl yn ei wneud i gadw’r plentyn yn ddiogel, ac am ba hyd",
    "It lists what the parents must stop doing": "Mae’n rhestru’r hyn y mae’n rhaid i’r rhieni "
    "roi’r gorau i’w wneud",
    "It says the family must engage with services": "Mae’n dweud bod yn rhaid i’r teulu "
    "ymgysylltu â gwasanaethau",
    "What are the three houses?": "Beth yw’r tri thŷ?",
    "The house of good things, the house of worries and the house of dreams": "Tŷ’r pethau da, "
    "tŷ’r pryderon a thŷ’r breuddwydion",
    "The family home, school and the local authority": "Cartref y teulu, yr ysgol a’r "
    "awdurdod lleol",
    "Past, present and future": "Y gorffennol, y presennol a’r dyfodol",
    "What is a words and pictures explanation?": "Beth yw esboniad geiriau a lluniau?",
    "An explanation for a child, in words and drawings they understand, of why professionals "
    "are involved": "Esboniad i blentyn, mewn geiriau a lluniau y mae’n eu deall, o pam mae "
    "gweithwyr proffesiynol yn ymwneud â’r teulu",
    "A picture-based assessment form for the court": "Ffurflen asesu ar sail lluniau ar gyfer "
    "y llys",
    "A leaflet about the services a council offers": "Taflen am y gwasanaethau y mae cyngor yn "
    "eu cynnig",
    "Who is a words and pictures explanation usually written with?": "Gyda phwy y caiff "
    "esboniad geiriau a lluniau ei ysgrifennu fel arfer?",
    "The child's parents or carers": "Rhieni neu ofalwyr y plentyn",
    "The police only": "Yr heddlu yn unig",
    "Nobody: the social worker writes it alone": "Neb: mae’r gweithiwr cymdeithasol yn ei "
    "ysgrifennu ar ei ben ei hun",
    "What does a safety circle show?": "Beth mae cylch diogelwch yn ei ddangos?",
    "The people around a child, from the closest to the most distant": "Y bobl o amgylch "
    "plentyn, o’r agosaf i’r pellaf",
    "The professionals in order of seniority": "Y gweithwyr proffesiynol yn nhrefn eu huwch-swydd",
    "The places a child is allowed to go": "Y lleoedd y caiff plentyn fynd iddynt",
    "Why does a safety network need to know the danger statement?": "Pam mae angen i rwydwaith "
    "diogelwch wybod y datganiad perygl?",
    "So that they know what they are helping to keep the child safe from": "Fel eu bod yn "
    "gwybod rhag beth y maent yn helpu i gadw’r plentyn yn ddiogel",
    "So that they can make referrals themselves": "Fel y gallant wneud atgyfeiriadau eu hunain",
    "They do not need to know it": "Nid oes angen iddynt ei wybod",
    "What is a genogram?": "Beth yw genogram?",
    "A family tree drawn with the family, showing relationships and who is close": "Coeden "
    "deulu wedi’i lluniadu gyda’r teulu, yn dangos perthnasoedd a phwy sy’n agos",
    "A genetic test": "Prawf genetig",
    "A chart of the professionals involved": "Siart o’r gweithwyr proffesiynol dan sylw",
    "What does 'strengths-based' mean in Signs of Safety?": "Beth yw ystyr 'seiliedig ar "
    "gryfderau' yn Arwyddion Diogelwch?",
    "Building on what the family is already doing well, while being clear about harm": (
        "Adeiladu ar yr hyn y mae’r teulu eisoes yn ei wneud yn dda, gan fod yn glir am niwed"
    ),
    "Ignoring harm so that families stay engaged": "Anwybyddu niwed fel bod teuluoedd yn "
    "parhau i ymgysylltu",
    "Only working with families who have no problems": "Gweithio gyda theuluoedd heb "
    "broblemau yn unig",
    "Which tool helps a young child talk about home through a magical helper?": "Pa offeryn "
    "sy’n helpu plentyn ifanc i siarad am gartref drwy gynorthwyydd hudol?",
    "The wizard or fairy": "Y dewin neu’r tylwyth teg",
    "The genogram": "Y genogram",
    "The danger statement": "Y datganiad perygl",
    "Which of these can partners such as schools and health do? Select all that apply.": (
        "Pa rai o’r rhain y gall partneriaid fel ysgolion ac iechyd eu gwneud? Dewiswch bob "
        "un sy’n berthnasol."
    ),
    "Use the three columns in a referral": "Defnyddio’r tair colofn mewn atgyfeiriad",
    "Ask a scaling question and record the reasons": "Gofyn cwestiwn graddio a chofnodi’r rhesymau",
    "Decide alone to close a child protection case": "Penderfynu ar eich pen eich hun i gau "
    "achos amddiffyn plant",
    # The half-day briefing page
    "Half-day briefing for partners": "Sesiwn friffio hanner diwrnod i bartneriaid",
    "What partners need to know, and how to book a briefing.": "Beth sydd angen i bartneriaid "
    "ei wybod, a sut i archebu sesiwn friffio.",
    "An introduction to Signs of Safety for schools, health, police and voluntary sector "
    "colleagues.": "Cyflwyniad i Arwyddion Diogelwch ar gyfer cydweithwyr mewn ysgolion, "
    "iechyd, yr heddlu a’r sector gwirfoddol.",
    "What the briefing covers": "Beth mae’r sesiwn friffio yn ei gynnwys",
    "Why the partnership chose Signs of Safety, and what families told us.": "Pam y dewisodd "
    "y bartneriaeth Arwyddion Diogelwch, a beth ddywedodd teuluoedd wrthym.",
    "The four questions, the three columns and scaling questions, with practice.": "Y pedwar "
    "cwestiwn, y tair colofn a chwestiynau graddio, gydag ymarfer.",
    "How referrals to the front door and the early help assessment forms have changed.": (
        "Sut mae atgyfeiriadau i’r drws ffrynt a’r ffurflenni asesu cymorth cynnar wedi newid."
    ),
    "How to take part in a child protection conference or network meeting that uses the "
    "model.": "Sut i gymryd rhan mewn cynhadledd amddiffyn plant neu gyfarfod rhwydwaith sy’n "
    "defnyddio’r model.",
    "Where to get support: Practice Leads, guides and the online module.": "Ble i gael "
    "cymorth: Arweinwyr Ymarfer, canllawiau a’r modiwl ar-lein.",
    "Before you come": "Cyn i chi ddod",
    "After the briefing you will be able to write a referral under the three headings, ask a "
    "scaling question and explain to a family what will happen at a network meeting.": (
        "Ar ôl y sesiwn friffio byddwch yn gallu ysgrifennu atgyfeiriad o dan y tri phennawd, "
        "gofyn cwestiwn graddio ac esbonio i deulu beth fydd yn digwydd mewn cyfarfod "
        "rhwydwaith."
    ),
}
