"""Welsh for the demo venues (issue 13), handed to wagtail-localize as a translator's PO file
would be (home.translations.translate_snippet). A careful draft for the demo, not a
professional translation."""

WELSH = {
    "Civic Centre, Committee Room 2": "Canolfan Ddinesig, Ystafell Bwyllgor 2",
    "Civic Centre\nHigh Street\nExample Borough EB1 1AA": (
        "Canolfan Ddinesig\nY Stryd Fawr\nBwrdeistref Enghreifftiol EB1 1AA"
    ),
    "Step-free entrance from the car park, lift to all floors, hearing loop in the room, "
    "accessible toilet on the same floor.": "Mynedfa heb risiau o’r maes parcio, lifft i bob "
    "llawr, dolen sain yn yr ystafell, toiled hygyrch ar yr un llawr.",
    "Sign in at main reception; you will be collected at 9:15am.": (
        "Cofrestrwch yn y brif dderbynfa; bydd rhywun yn dod i’ch casglu am 9:15am."
    ),
    "Eastgate Family Centre, Training Room": "Canolfan Deuluoedd Eastgate, Ystafell Hyfforddi",
    "Eastgate Family Centre\n12 Eastgate Road\nExample Borough EB4 2CD": (
        "Canolfan Deuluoedd Eastgate\n12 Eastgate Road\nBwrdeistref Enghreifftiol EB4 2CD"
    ),
    "Ground floor room, level access, two accessible parking bays at the front.": (
        "Ystafell ar y llawr gwaelod, mynediad gwastad, dau le parcio hygyrch o’r blaen."
    ),
    "Online (Microsoft Teams)": "Ar-lein (Microsoft Teams)",
    "Join five minutes early to test your sound. Cameras on if you can: the session is "
    "interactive.": "Ymunwch bum munud yn gynnar i brofi’ch sain. Camerâu ymlaen os gallwch "
    "chi: mae’r sesiwn yn rhyngweithiol.",
    "Live captions are switched on. Slides are sent the day before on request.": (
        "Mae capsiynau byw wedi’u troi ymlaen. Anfonir y sleidiau y diwrnod cynt ar gais."
    ),
}
