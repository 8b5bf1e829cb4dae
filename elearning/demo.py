"""The demo e-learning: an introductory Signs of Safety module and a half-day briefing page.

All the teaching text is written for this product. Families and workers in the case studies
are invented.
"""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.rich_text import RichText

from accounts.audiences import Audience
from home.demo import home_page
from home.translations import translate_page

from .demo_cy import WELSH
from .models import (
    AssessmentPage,
    BriefingPage,
    LessonPage,
    ModuleIndexPage,
    ModulePage,
)


def p(*paragraphs: str) -> tuple:
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def html(markup: str) -> tuple:
    return ("paragraph", RichText(markup))


def heading(text: str, size: str = "h2") -> tuple:
    return ("heading", {"text": text, "size": size})


def inset(text: str) -> tuple:
    return ("inset", RichText(f"<p>{text}</p>"))


def knowledge_check(question: str, *options: tuple[str, bool, str]) -> tuple:
    return (
        "knowledge_check",
        {
            "question": question,
            "options": [
                {"text": text, "correct": correct, "feedback": feedback}
                for text, correct, feedback in options
            ],
        },
    )


def reflection(prompt: str, hint: str = "") -> tuple:
    return ("reflection", {"prompt": prompt, "hint": hint})


def scaling(prompt: str, low: str, high: str) -> tuple:
    return ("scaling_question", {"prompt": prompt, "low_label": low, "high_label": high})


MODULE_INTRO = [
    p(
        "This module introduces the Signs of Safety practice model that our children's "
        "services and partner agencies are adopting together. It is for everyone: social "
        "workers and managers, teachers, health visitors, school nurses, police officers, "
        "family support workers and volunteers.",
        "Work through the lessons at your own pace. Your answers to the exercises are saved "
        "privately to you, so you can come back to them before a course or a supervision "
        "session. The module finishes with a short assessment.",
    ),
]

LEARNING_OUTCOMES = [
    ("outcome", "explain what strengths-based, safety-organised practice means"),
    ("outcome", "map a family's situation using the four questions and the three columns"),
    ("outcome", "use a scaling question to say how worried you are, and why"),
    ("outcome", "write a clear danger statement and a matching safety goal"),
    ("outcome", "name the tools for hearing children's views and when to use them"),
    ("outcome", "find the people who can help a family keep a child safe"),
]

LESSONS = [
    {
        "slug": "what-is-signs-of-safety",
        "title": "What Signs of Safety is, and why we use it",
        "summary": "A practice model that takes harm seriously and builds on what is working.",
        "body": [
            p(
                "Signs of Safety is a way of working with families where there are worries "
                "about a child's safety or wellbeing. It was developed with frontline child "
                "protection workers and is now used in many countries. In early help it is "
                "often called <b>Signs of Wellbeing</b>.",
                "The model is <b>strengths-based</b>: it looks for what a family is already "
                "doing well and what has kept the child safe until now. It is also "
                "<b>safety-organised</b>: everything we do is aimed at the child being safe "
                "enough, and everyone must be clear about what the worries are.",
            ),
            heading("Rigorous and respectful at the same time"),
            p(
                "Some people worry that looking for strengths means going soft on harm. It is "
                "the opposite. Signs of Safety asks us to be precise about the harm that has "
                "happened and the danger we fear, and to say so plainly to the family. At the "
                "same time, it treats parents and carers as people who can change, and "
                "involves them and their own networks in making the plan.",
                "Families tell us they find plain language, honest worries and clear goals "
                "far easier to work with than professional jargon. Professionals from "
                "different agencies find it easier to agree when they use the same questions.",
            ),
            heading("One language across the partnership"),
            p(
                "Schools, health, police, the voluntary sector and children's social care all "
                "hold part of the picture. When we all use the same four questions, a "
                "teacher's referral, a health visitor's notes and a social worker's assessment "
                "fit together, and the family hears one message instead of five.",
            ),
            inset(
                "In short: be clear about the danger, build on what is working, and involve "
                "the family and the people around them in making the child safe."
            ),
            knowledge_check(
                "What does 'safety-organised' mean in Signs of Safety?",
                (
                    "Everything we do is aimed at the child being safe enough, and the worries "
                    "are stated clearly",
                    True,
                    "Right. Being safety-organised keeps the whole plan focused on the child's "
                    "safety.",
                ),
                (
                    "We only work with families once the child has been removed to safety",
                    False,
                    "No. Most Signs of Safety work happens with children living at home.",
                ),
                (
                    "We avoid talking about harm so that families stay engaged",
                    False,
                    "No. The model asks us to be open and precise about harm and danger.",
                ),
            ),
            reflection(
                "Think of a family you have worked with. What was one strength you noticed, "
                "and did it make it into your records?",
                "Only you can see what you write here. Do not include names or details that "
                "would identify anyone.",
            ),
        ],
    },
    {
        "slug": "four-questions-three-columns",
        "title": "The four questions and the three columns",
        "summary": "The questions at the heart of the model, and how to map a case on one page.",
        "body": [
            p(
                "Signs of Safety organises our thinking around four questions:",
            ),
            html(
                "<ol><li><b>What is working well?</b> Strengths, and the safety that already "
                "exists.</li><li><b>What are we worried about?</b> Harm that has happened, "
                "danger we fear for the future, and things that make the situation harder."
                "</li><li><b>What needs to happen?</b> The next steps and the safety goals."
                "</li><li><b>How worried are we?</b> A judgement on a scale from 0 to 10."
                "</li></ol>"
            ),
            heading("The three columns"),
            p(
                "The first three questions are set out side by side as three columns: what's "
                "working well, what are we worried about, and what needs to happen. Mapping a "
                "case this way fits on one page, which makes it easy to share in a meeting, in "
                "supervision or with the family themselves.",
                "Keep the columns balanced. A map with twenty worries and one strength usually "
                "means we have not looked hard enough for what is working, not that nothing "
                "is.",
            ),
            heading("Be specific", "h3"),
            p(
                "'Mum is a good parent' is a judgement. 'Mum has taken Leo to every health "
                "appointment this year and he is up to date with his immunisations' is "
                "something everyone can check. Write what you have seen and heard, who "
                "told you and when.",
            ),
            knowledge_check(
                "Which of these belongs in the 'what's working well' column?",
                (
                    "Grandad collects the children from school every day and they are always "
                    "on time",
                    True,
                    "Right. It is specific, observed and protective.",
                ),
                (
                    "The family seems nice",
                    False,
                    "This is too vague to act on. What exactly have you seen that is working?",
                ),
                (
                    "Dad was arrested after an incident at home in March",
                    False,
                    "This is past harm or a worry: it belongs in the middle column.",
                ),
            ),
            (
                "three_columns",
                {
                    "title": "Amira, aged 6",
                    "case_study": RichText(
                        "<p>Amira's teacher has noticed she has come to school hungry most "
                        "mornings this term and twice had a bruise on her arm. When asked, "
                        "Amira said her mum's new partner 'gets cross'. Amira's mum, Sara, has "
                        "always come to parents' evenings and Amira reads at home every night. "
                        "Amira's aunt lives on the same street and looks after her on Fridays. "
                        "Sara told the school nurse she is struggling since losing her job.</p>"
                    ),
                    "model_working_well": (
                        "Amira reads at home every night and Sara comes to parents' evenings.\n"
                        "Amira's aunt lives nearby and looks after her every Friday.\n"
                        "Sara told the school nurse she is struggling: she is willing to ask "
                        "for help."
                    ),
                    "model_worries": (
                        "Amira has come to school hungry most mornings this term.\n"
                        "Amira has had a bruise on her arm twice; she says mum's partner 'gets "
                        "cross'. We do not yet know how the bruises happened.\n"
                        "Complicating factor: Sara has lost her job and money may be short."
                    ),
                    "model_next_steps": (
                        "Talk with Sara about the bruises and what Amira said, and follow the "
                        "partnership's safeguarding procedures.\n"
                        "Hear from Amira about home, using a tool such as the three houses.\n"
                        "Find out whether the aunt could help more, and connect Sara with "
                        "breakfast club and money advice."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "scaling-questions",
        "title": "Scaling questions: how worried are we?",
        "summary": "Putting a judgement into a number, and using it to open a conversation.",
        "body": [
            p(
                "The fourth question asks everyone involved to give a number from 0 to 10. In "
                "child protection work, 10 means everyone knows the child is safe enough for "
                "the case to be closed, and 0 means we are certain the child will be harmed "
                "again.",
                "The number itself matters less than the conversation it starts. Asking 'why "
                "a 4 and not a 2?' brings out strengths people had not mentioned. Asking 'what "
                "would it take to get to a 5?' turns a worry into a next step.",
            ),
            heading("Use scales with everyone"),
            p(
                "Ask parents, children, relatives and each professional separately. When a "
                "parent says 8 and the social worker says 3, that gap is important information: "
                "it shows we do not yet share an understanding of the danger.",
                "Scales work for other questions too: how confident are you that the plan will "
                "work? How willing are you to make the changes? With younger children, use "
                "faces, a ladder or a line on the floor instead of numbers.",
            ),
            inset(
                "Always record who gave the number, what it was and their reasons. A number "
                "on its own tells the next reader very little."
            ),
            knowledge_check(
                "A parent scales 9 and the social worker scales 3. What is the most useful "
                "next step?",
                (
                    "Explore the gap: ask each person what makes it that number",
                    True,
                    "Right. The difference shows where understanding is not yet shared.",
                ),
                (
                    "Average the two and record 6",
                    False,
                    "No. Averaging hides the disagreement, which is the most useful part.",
                ),
                (
                    "Record the social worker's score, as the professional view counts",
                    False,
                    "Record both. Each view and its reasons tell us something.",
                ),
            ),
            scaling(
                "Think of Amira from the last lesson. On a scale of 0 to 10, how worried are "
                "you about her today?",
                "Amira will certainly be harmed again",
                "Amira is safe enough for us to step back",
            ),
            reflection(
                "What made you choose that number rather than one lower? What would need to "
                "happen to move it up by one point?"
            ),
        ],
    },
    {
        "slug": "danger-statements-safety-goals",
        "title": "Danger statements and safety goals",
        "summary": "Saying clearly what we are worried might happen, and what safety looks like.",
        "body": [
            p(
                "A danger statement (in early help, a worry statement) says in plain words "
                "what the professionals are worried will happen to the child if nothing "
                "changes. It is written so that the family can understand it and, ideally, "
                "agree with it.",
            ),
            heading("What a good danger statement includes"),
            html(
                "<ul><li><b>Who</b> is worried (the agencies or people).</li>"
                "<li><b>What</b> has happened that worries them: the harm or behaviour "
                "seen.</li><li><b>The impact</b> on the child, now and in the future.</li>"
                "<li>Plain language, no jargon, and no blame.</li></ul>"
            ),
            inset(
                "Example: Children's services and the school are worried that when Sam and "
                "his partner argue and drink alcohol, Sam might hit Mia again, as happened in "
                "May, and that Mia could be badly hurt or grow up frightened at home."
            ),
            heading("Safety goals"),
            p(
                "Each danger statement is matched by a safety goal: what the family and "
                "professionals need to see, and for how long, to be confident the child is "
                "safe. A good goal describes what people will be doing, not what they will "
                "stop doing, and is something the family can show over time.",
            ),
            inset(
                "Example: Children's services and the school need to see that, for the next "
                "six months, when Sam and his partner disagree, Mia is kept safe because an "
                "adult from her safety network is there or takes her to her gran's, and Mia "
                "can tell us she feels safe at home."
            ),
            knowledge_check(
                "Which is the better safety goal?",
                (
                    "Over the next six months, Mia's gran or aunt will be with her whenever "
                    "the adults have been drinking, and Mia will say she feels safe",
                    True,
                    "Right. It describes what people will be doing, and for how long.",
                ),
                (
                    "Sam must stop drinking",
                    False,
                    "This says what should stop, not what safety will look like. How would we "
                    "know it is working?",
                ),
                (
                    "The family must engage with services",
                    False,
                    "Engaging is not the same as the child being safe. Goals describe safety.",
                ),
            ),
            reflection(
                "Rewrite one worry from your own recent work as a danger statement a parent "
                "could understand.",
                "Leave out names and details that would identify anyone.",
            ),
        ],
    },
    {
        "slug": "tools-for-working-with-children",
        "title": "Tools for hearing from children",
        "summary": "The three houses, the wizard and fairy, and words and pictures.",
        "body": [
            p(
                "Children are the people most affected by our decisions, and often the least "
                "heard. Signs of Safety includes simple tools that help children tell us what "
                "is happening for them.",
            ),
            heading("The three houses"),
            p(
                "The child draws, or the worker draws with them, three houses: the <b>house "
                "of good things</b>, the <b>house of worries</b> and the <b>house of "
                "dreams</b>. They are the child's version of the three columns. With the "
                "child's agreement, the houses are shared with their parents; many parents "
                "say it was their child's house of worries that made them change.",
            ),
            heading("The wizard or fairy", "h3"),
            p(
                "Younger children may find it easier to talk through a magical helper: the "
                "wizard or fairy can see what is good at home, what is worrying and what the "
                "child would wish for. Use whatever character suits the child.",
            ),
            heading("Words and pictures"),
            p(
                "A words and pictures explanation tells a child, in words and drawings they "
                "can understand, why professionals are involved with their family and what is "
                "being done to keep them safe. It is usually written with the parents, so the "
                "child hears one story from the adults around them rather than guessing or "
                "blaming themselves.",
            ),
            knowledge_check(
                "Which houses make up the three houses tool?",
                (
                    "Good things, worries and dreams",
                    True,
                    "Right. They mirror what's working well, what we're worried about and what "
                    "needs to happen.",
                ),
                (
                    "Mum's house, Dad's house and school",
                    False,
                    "No. The three houses are about the child's experience, not places.",
                ),
                (
                    "Past, present and future",
                    False,
                    "Not quite. The houses are good things, worries and dreams.",
                ),
            ),
            reflection(
                "Which of these tools could you use in your role, and what would you need to "
                "feel confident using it?"
            ),
        ],
    },
    {
        "slug": "genograms-and-safety-circles",
        "title": "Who can help: genograms and safety circles",
        "summary": "Finding the family and friends who can be part of the child's safety plan.",
        "body": [
            p(
                "Professionals come and go; a child's family and friends are there for the "
                "long term. A lasting safety plan is built with a <b>safety network</b> of "
                "people who know what the worries are and agree to help.",
            ),
            heading("Genograms"),
            p(
                "A genogram is a family tree drawn with the family. It shows who is related "
                "to whom, who lives where, and who is close. Drawing it together is a "
                "conversation in itself: who do the children go to when things are hard? Who "
                "has helped before?",
            ),
            heading("Safety circles"),
            p(
                "A safety circle puts the child in the middle, with circles around them. The "
                "family and child place people in the inner circle (they would tell them "
                "everything), the middle circle (they would tell them some things) and the "
                "outer circle. Those in the inner circles are the first people to invite to "
                "a network meeting.",
            ),
            inset(
                "Network members must know the danger statement. People cannot help keep a "
                "child safe from something nobody has told them about."
            ),
            knowledge_check(
                "Why must safety network members hear the danger statement?",
                (
                    "So they know what they are helping to keep the child safe from",
                    True,
                    "Right. An informed network can notice and act when things go wrong.",
                ),
                (
                    "So that they can report the parents to the police",
                    False,
                    "No. The network supports the family's plan; it is not there to police them.",
                ),
                (
                    "They do not need to: it is confidential to professionals",
                    False,
                    "Without knowing the worries, the network cannot help keep the child safe.",
                ),
            ),
            scaling(
                "How confident are you about asking a family who could be in their safety network?",
                "I would not know where to start",
                "I do this confidently already",
            ),
        ],
    },
    {
        "slug": "using-it-in-your-work",
        "title": "Using Signs of Safety in your work",
        "summary": "Referrals, meetings, supervision and what happens next in your training.",
        "body": [
            p(
                "You do not need to be a social worker to use Signs of Safety. A teacher can "
                "write a referral under the three headings. A health visitor can ask a parent "
                "a scaling question. A police officer can record what is working well as "
                "carefully as the incident.",
            ),
            heading("In meetings and supervision"),
            p(
                "Across the partnership, meetings about children follow the same mapping: "
                "what's working well, what are we worried about, what needs to happen, and a "
                "scale from each person. Group supervision uses the same three columns to "
                "think through a case together, so the practice keeps developing after the "
                "training ends.",
            ),
            heading("What comes next"),
            p(
                "After this module, partners can book a half-day briefing, and practitioners "
                "and managers take the two-day course. Practice Leads in each team and agency "
                "go on to the five-day advanced course and can support you as you start "
                "using the tools.",
            ),
            knowledge_check(
                "Which of these are ways partners can use Signs of Safety? Select all that apply.",
                (
                    "Writing a referral under the three columns",
                    True,
                    "Yes: it helps the front door see strengths and worries straight away.",
                ),
                (
                    "Asking a parent a scaling question",
                    True,
                    "Yes: anyone can ask one, and record the answer and the reasons.",
                ),
                (
                    "Leaving it to social workers",
                    False,
                    "Signs of Safety works best when every agency uses the same language.",
                ),
            ),
            reflection(
                "What is one thing you will do differently in the next month because of this "
                "module?"
            ),
        ],
    },
]

# (question, [(option, correct), ...]); every option is written to be plausible.
ASSESSMENT_QUESTIONS = [
    (
        "What are the first three of the four questions?",
        [
            ("What is working well? What are we worried about? What needs to happen?", True),
            ("Who is to blame? What happened? What is the risk score?", False),
            ("What is the referral? Who is the lead agency? When is the next review?", False),
        ],
    ),
    (
        "On a Signs of Safety scale for child protection, what does 10 mean?",
        [
            ("The child is safe enough for the case to be closed", True),
            ("The child will certainly be harmed again", False),
            ("The family is fully engaged with services", False),
        ],
    ),
    (
        "On the same scale, what does 0 mean?",
        [
            ("The child will certainly be harmed again", True),
            ("Nobody has scaled the case yet", False),
            ("There are no strengths in the family", False),
        ],
    ),
    (
        "What is the main purpose of a scaling question?",
        [
            ("To open a conversation about why people see the situation as they do", True),
            ("To produce a risk score that decides the outcome", False),
            ("To replace the written assessment", False),
        ],
    ),
    (
        "A parent scales 8 and the teacher scales 3. What should you do?",
        [
            ("Explore the reasons behind each number", True),
            ("Record the average", False),
            ("Record only the professional's number", False),
        ],
    ),
    (
        "Which of these is the clearest entry for 'what's working well'?",
        [
            ("Dad has walked the children to school every day this term", True),
            ("Dad is a loving parent", False),
            ("Dad says things are fine", False),
        ],
    ),
    (
        "Where does 'Mum lost her job last month' belong on a three columns map?",
        [
            ("Under what we are worried about, as a complicating factor", True),
            ("Under what needs to happen", False),
            ("It should be left off the map", False),
        ],
    ),
    (
        "Which of these should a danger statement include? Select all that apply.",
        [
            ("Who is worried", True),
            ("What might happen to the child if nothing changes", True),
            ("A diagnosis of the parent's personality", False),
            ("Legal terms the family may not know", False),
        ],
    ),
    (
        "What makes a good safety goal?",
        [
            (
                "It describes what people will be doing to keep the child safe, and for how long",
                True,
            ),
            ("It lists what the parents must stop doing", False),
            ("It says the family must engage with services", False),
        ],
    ),
    (
        "What are the three houses?",
        [
            ("The house of good things, the house of worries and the house of dreams", True),
            ("The family home, school and the local authority", False),
            ("Past, present and future", False),
        ],
    ),
    (
        "What is a words and pictures explanation?",
        [
            (
                "An explanation for a child, in words and drawings they understand, of why "
                "professionals are involved",
                True,
            ),
            ("A picture-based assessment form for the court", False),
            ("A leaflet about the services a council offers", False),
        ],
    ),
    (
        "Who is a words and pictures explanation usually written with?",
        [
            ("The child's parents or carers", True),
            ("The police only", False),
            ("Nobody: the social worker writes it alone", False),
        ],
    ),
    (
        "What does a safety circle show?",
        [
            ("The people around a child, from the closest to the most distant", True),
            ("The professionals in order of seniority", False),
            ("The places a child is allowed to go", False),
        ],
    ),
    (
        "Why does a safety network need to know the danger statement?",
        [
            ("So that they know what they are helping to keep the child safe from", True),
            ("So that they can make referrals themselves", False),
            ("They do not need to know it", False),
        ],
    ),
    (
        "What is a genogram?",
        [
            ("A family tree drawn with the family, showing relationships and who is close", True),
            ("A genetic test", False),
            ("A chart of the professionals involved", False),
        ],
    ),
    (
        "What does 'strengths-based' mean in Signs of Safety?",
        [
            (
                "Building on what the family is already doing well, while being clear about harm",
                True,
            ),
            ("Ignoring harm so that families stay engaged", False),
            ("Only working with families who have no problems", False),
        ],
    ),
    (
        "Which tool helps a young child talk about home through a magical helper?",
        [
            ("The wizard or fairy", True),
            ("The genogram", False),
            ("The danger statement", False),
        ],
    ),
    (
        "Which of these can partners such as schools and health do? Select all that apply.",
        [
            ("Use the three columns in a referral", True),
            ("Ask a scaling question and record the reasons", True),
            ("Decide alone to close a child protection case", False),
        ],
    ),
]

BRIEFING_BODY = [
    p(
        "This half-day briefing introduces Signs of Safety to colleagues in schools, health, "
        "police, early years and the voluntary sector. It explains the approach our "
        "partnership is adopting, what will change in the forms and meetings you take part "
        "in, and what you can start doing straight away.",
    ),
    heading("What the briefing covers"),
    html(
        "<ul><li>Why the partnership chose Signs of Safety, and what families told us.</li>"
        "<li>The four questions, the three columns and scaling questions, with practice.</li>"
        "<li>How referrals to the front door and the early help assessment forms have "
        "changed.</li><li>How to take part in a child protection conference or network "
        "meeting that uses the model.</li><li>Where to get support: Practice Leads, guides "
        "and the online module.</li></ul>"
    ),
    heading("Before you come"),
    p(
        "If you can, take the online introductory module first: the briefing builds on it. "
        "Bring an example from your own work (without identifying details) that you would "
        "like to think through with the three columns.",
    ),
    inset(
        "After the briefing you will be able to write a referral under the three headings, "
        "ask a scaling question and explain to a family what will happen at a network "
        "meeting."
    ),
]

HANDOUT_TEXT = """Signs of Safety at a glance

The four questions
1. What is working well? Strengths and existing safety.
2. What are we worried about? Past harm, future danger, complicating factors.
3. What needs to happen? Next steps and safety goals.
4. How worried are we? 0 = the child will certainly be harmed again;
   10 = safe enough to close the case.

Tools
- Three columns: the first three questions side by side.
- Danger statement: who is worried, what might happen, the impact on the child.
- Safety goal: what people will be doing to keep the child safe, and for how long.
- Three houses: good things, worries, dreams (the child's three columns).
- Words and pictures: an explanation for the child of why professionals are involved.
- Genogram and safety circle: who can help.
"""


def child_page(parent: Page, slug: str):
    return parent.get_children().filter(slug=slug).specific().first()


def seed_module(index: ModuleIndexPage) -> ModulePage:
    module = child_page(index, "introduction-to-signs-of-safety")
    if module is not None:
        return module
    module = index.add_child(
        instance=ModulePage(
            title="Introduction to Signs of Safety",
            slug="introduction-to-signs-of-safety",
            summary=(
                "The practice model in seven short lessons: the four questions, the three "
                "columns, scaling, danger statements and safety goals, and tools for hearing "
                "from children and finding who can help."
            ),
            intro=MODULE_INTRO,
            estimated_minutes=90,
            audience=Audience.EVERYONE,
            pass_mark=80,
            issues_certificate=True,
            cpd_minutes=90,
            learning_outcomes=LEARNING_OUTCOMES,
            lessons_in_order=True,
            search_description=(
                "An online introduction to Signs of Safety for all staff and partners."
            ),
        )
    )
    for lesson in LESSONS:
        module.add_child(instance=LessonPage(**lesson))
    module.add_child(
        instance=AssessmentPage(
            title="Assessment",
            slug="assessment",
            introduction=(
                "Ten questions drawn from what you have learned. Take your time: you can "
                "try again as often as you need."
            ),
            questions_per_attempt=10,
            questions=[
                (
                    "question",
                    {
                        "question": question,
                        "options": [
                            {"text": text, "correct": correct} for text, correct in options
                        ],
                    },
                )
                for question, options in ASSESSMENT_QUESTIONS
            ],
        )
    )
    return module


def handout() -> Document:
    title = "Signs of Safety at a glance (one-page summary)"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            "signs-of-safety-at-a-glance.txt", ContentFile(HANDOUT_TEXT.encode()), save=False
        )
        document.save()
    return document


def seed_briefing(home) -> BriefingPage:
    briefing = child_page(home, "half-day-briefing")
    if briefing is not None:
        return briefing
    return home.add_child(
        instance=BriefingPage(
            title="Half-day briefing for partners",
            slug="half-day-briefing",
            summary="An introduction to Signs of Safety for schools, health, police and "
            "voluntary sector colleagues.",
            body=BRIEFING_BODY,
            handouts=[("document", {"document": handout(), "title": ""})],
            show_in_menus=True,
            search_description="What partners need to know, and how to book a briefing.",
        )
    )


def seed(*, stdout) -> None:
    home = home_page()
    index = child_page(home, "e-learning")
    if index is None:
        index = home.add_child(
            instance=ModuleIndexPage(
                title="E-learning",
                slug="e-learning",
                introduction="Learn the Signs of Safety practice model online, at your own pace.",
                show_in_menus=True,
                search_description="Start the online module: seven short lessons and a check.",
            )
        )
    module = seed_module(index)
    seed_briefing(home)
    # Welsh: the section, the module, its first two lessons and the assessment. The briefing
    # is translated by the courses demo, once it is linked to its course.
    lessons = list(module.get_children().type(LessonPage).specific()[:2])
    assessment = module.get_children().type(AssessmentPage).first()
    for page in (index, module, *lessons, assessment):
        translate_page(page, "cy", WELSH)
    stdout.write(
        f"E-learning module “{module.title}” with {len(LESSONS)} lessons and "
        f"{len(ASSESSMENT_QUESTIONS)} assessment questions, and the partner briefing, ready "
        "(in Welsh too: the module, its first two lessons and the assessment)."
    )
