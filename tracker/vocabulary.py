"""The words the heuristics share, in one place: what counts as a word, months and weekdays, titles,
the verbs of reported speech, and the lists that tell what kind of fact a changed phrase is (a country,
a date, a title...). Sentence splitting, facts, note detection and linking all read these."""

import re

WORD = re.compile(r"\w+")  # a run of letters and digits: for comparing texts by their words
COMPOUND_WORD = re.compile(
    r"\w+(?:['’.-]\w+)*"
)  # a word with its apostrophes, hyphens, dots: "U.S.", "13-member"

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Abbreviations that come before a name and so never end a sentence ("Mr. Smith", "Gen. Milley").
NAME_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Messrs Dr Gen Gens Sen Sens Rep Reps Gov Lt Col Sgt Capt Cmdr Cdr Adm Maj Cpl Pvt"
    " Prof Rev Hon Pres Supt Insp Det Atty Mt Ft".split()
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# The verbs of reported speech: "<someone> said ...", "..., according to ...".
SPEECH_VERBS = frozenset(
    "said says told according stated argued claimed admitted acknowledged conceded insisted explained added "
    "noted confirmed announced".split()
)

COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
    bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba
    cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland
    france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary
    iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati
    korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
    luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova
    monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands holland
    nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland
    portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia
    spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia
    turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen
    zambia zimbabwe britain england scotland wales america u.s u.k usa""".split()
) | frozenset(
    {
        "united states",
        "united kingdom",
        "new zealand",
        "south africa",
        "south korea",
        "north korea",
        "saudi arabia",
        "sri lanka",
        "costa rica",
        "el salvador",
        "ivory coast",
        "czech republic",
        "united arab emirates",
        "dominican republic",
        "east timor",
        "sierra leone",
        "papua new guinea",
        "north macedonia",
        "great britain",
        "the netherlands",
        "the u.s",
        "the u.k",
    }
)

PLACES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming london paris berlin moscow beijing tokyo kyiv kiev
    brussels rome madrid chicago boston seattle atlanta houston dallas miami detroit denver phoenix
    manhattan brooklyn queens bronx jerusalem gaza baghdad kabul tehran damascus ottawa toronto sydney
    melbourne dublin edinburgh glasgow manchester liverpool birmingham africa europe asia""".split()
) | frozenset(
    {
        "new york",
        "new jersey",
        "new mexico",
        "new hampshire",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "west virginia",
        "rhode island",
        "los angeles",
        "san francisco",
        "las vegas",
        "new orleans",
        "st. louis",
        "washington, d.c",
        "hong kong",
        "middle east",
        "latin america",
        "south america",
        "north america",
    }
)

PLACE_WORDS = frozenset(
    "city town county state province village district street avenue road river lake island airport".split()
)

MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec""".split()
)
WEEKDAYS = frozenset((*WEEKDAY_NAMES, "today", "yesterday", "tomorrow", "tonight"))

TITLES = frozenset(
    """president vice chairman chairwoman chair chairperson ceo cfo coo cto director secretary minister
    senator sen rep representative congressman congresswoman governor gov mayor judge justice chief head
    commissioner spokesman spokeswoman spokesperson editor professor prof dr ambassador general gen colonel
    col lieutenant lt sergeant sgt captain capt admiral adm officer founder executive manager leader
    deputy assistant attorney prosecutor sheriff speaker member chancellor premier king queen prince
    princess bishop pope coach lawmaker legislator councilman councilwoman treasurer adviser advisor
    analyst economist reporter correspondent anchor host producer author""".split()
)

ORG_WORDS = frozenset(
    """university college school institute department ministry agency committee council commission party
    association foundation company corporation corp inc ltd llc group bank fund news times post journal
    press network bureau office court army navy police service union league club hospital center centre
    board administration authority federation organisation organization international motors electric
    airlines industries holdings partners capital""".split()
)

# What a note calls the kind of fact it corrects, by the fact types it points to.
NOTE_TYPE_WORDS = {
    "name": ("person", "organization", "place", "country"),
    "names": ("person", "organization", "place", "country"),
    "named": ("person", "organization", "place", "country"),
    "spelling": ("person", "organization", "place", "country"),
    "spelled": ("person", "organization", "place", "country"),
    "misspelled": ("person", "organization", "place", "country"),
    "misspelt": ("person", "organization", "place", "country"),
    "misidentified": ("person", "organization", "place", "country", "title"),
    "identified": ("person", "organization", "place", "country", "title"),
    "misnamed": ("person", "organization", "place", "country"),
    "country": ("country", "place"),
    "nation": ("country", "place"),
    "state": ("place", "country"),
    "city": ("place",),
    "town": ("place",),
    "location": ("place", "country"),
    "where": ("place", "country"),
    "located": ("place", "country"),
    "number": ("number",),
    "numbers": ("number",),
    "figure": ("number",),
    "figures": ("number",),
    "amount": ("number",),
    "total": ("number",),
    "percent": ("number",),
    "percentage": ("number",),
    "many": ("number",),
    "much": ("number",),
    "age": ("number",),
    "count": ("number",),
    "tally": ("number",),
    "score": ("number",),
    "margin": ("number",),
    "estimate": ("number",),
    "statistic": ("number",),
    "statistics": ("number",),
    "cost": ("number",),
    "price": ("number",),
    # quantities a note names instead of stating the number ("understated the death toll")
    **dict.fromkeys(
        """toll sum size population rate salary budget distance height weight length duration value
        revenue sales profit profits loss losses fee fees debt deficit turnout attendance capacity odds
        ratio share majority votes tally understated overstated exaggerated inflated underestimated
        overestimated older younger aged""".split(),
        ("number",),
    ),
    **dict.fromkeys(
        "hometown birthplace address venue region province county district neighborhood".split(), ("place",)
    ),
    **dict.fromkeys("nationality citizenship".split(), ("country",)),
    **dict.fromkeys("timing hour week weekday deadline anniversary".split(), ("date",)),
    "date": ("date",),
    "dates": ("date",),
    "day": ("date",),
    "year": ("date",),
    "when": ("date",),
    "time": ("date",),
    "month": ("date",),
    "title": ("title",),
    "position": ("title",),
    "role": ("title",),
    "job": ("title",),
    "rank": ("title",),
    "quote": ("quote",),
    "quotes": ("quote",),
    "quotation": ("quote",),
    "quoted": ("quote",),
    "misquoted": ("quote",),
    "attributed": ("quote", "person"),
    "misattributed": ("quote", "person"),
    "organization": ("organization",),
    "organisation": ("organization",),
    "company": ("organization",),
    "agency": ("organization",),
    "group": ("organization",),
    "firm": ("organization",),
    "party": ("organization",),
    "affiliation": ("organization",),
    "university": ("organization",),
}

FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with and or as is was are were be been that this it its
    his her their our your my not but than then so if into over under about after before""".split()
)

# Nationality adjectives name a country as much as the country's name does ("Liberian-flagged").
DEMONYMS = frozenset(
    """afghan albanian algerian american angolan argentine argentinian armenian australian austrian
    azerbaijani bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese
    cambodian cameroonian canadian chilean chinese colombian congolese croatian cuban cypriot czech
    danish dutch ecuadorian egyptian emirati english eritrean estonian ethiopian filipino finnish french
    georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar
    kuwaiti kyrgyz lao latvian lebanese liberian libyan lithuanian luxembourgish malagasy malaysian
    malian maltese mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nigerian
    nigerien norwegian omani pakistani palestinian panamanian paraguayan peruvian polish portuguese
    qatari romanian russian rwandan saudi scottish senegalese serbian singaporean slovak slovenian
    somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian turkish
    ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean""".split()
)

# Political parties and their members are organizations, not people.
PARTIES = frozenset(
    """democrat democrats democratic republican republicans gop labour labor tory tories conservative
    conservatives liberal liberals libdem snp ukip greens""".split()
)

# What a page with no article says instead: an error page, a paywall or sign-in wall, an app shell that
# needs scripts, a consent or robot check. Read in a short page's title and text only.
NO_ARTICLE_PHRASES = re.compile(
    r"\b(?:error|http) (?:404|410|500|503)\b|\b(?:404|410|500|503) (?:error|not found|gone)\b"
    r"|\b(?:page|file|article|story|document|content) not found\b|page (?:you requested |you are looking for )?"
    r"(?:could not be found|cannot be found|does not exist|is unavailable|no longer exists)"
    r"|(?:server|internal|application) error|service unavailable|access denied|forbidden"
    r"|subscribe (?:to|now|today)|subscribers? only|already a subscriber|(?:log|sign) ?in to (?:continue|read)"
    r"|to continue reading|create a free account|(?:enable|requires?|turn on) javascript"
    r"|javascript (?:is )?(?:required|disabled)|loading\W*$|please wait|are you a robot|verify you are human"
    r"|(?:accept|manage) (?:all )?cookies",
    re.IGNORECASE,
)
