"""The wording of editor's notes: what outlets call their pieces, their errors and their changes,
and the table of signals built from it (compiled on first use). Scoring is in note_signals.py.
"""

from __future__ import annotations

import re
from functools import cache

from tracker.vocabulary import MONTHS, WEEKDAY_NAMES

KINDS = ("correction", "editors_note", "clarification", "update")
KIND_LABELS = {
    "correction": "Correction",
    "editors_note": "Editor's note",
    "clarification": "Clarification",
    "update": "Update",
}
THRESHOLD = 0.5
CONTINUE = 0.3  # a paragraph right after a note, with note wording that reads as part of it, joins it

# ---- data: the wording of notes (patterns run on lowercased text) ---------------------------
# What a publication calls its own pieces: CORE nouns are safe after "the", the rest need "this/our".
CORE = (
    r"(?:article|story|piece|post|posting|column|report|editorial|headline|caption|obituary|episode|"
    r"newsletter|programme|broadcast|segment|transcript|review|feature|blog\s+post|item)"
)
CITED = rf"(?:{CORE}|stories|profile|subheading|graphic|chart|map|podcast|bulletin|infographic|essay|op-ed|photo|photograph|picture)"
PUB = (
    rf"(?:{CITED}|interview|table|image|video|audio|program|blog|entry|summary|description|alert|page|"
    r"leading\s+article|list|quiz|crossword|preview|letter|clip|version|edition|paragraph|sentence|"
    r"live\s+(?:cross|link|feed|stream|coverage))"  # a broadcast's live segment
)
STAFF = r"(?:presenter|reporter|correspondent|host|journalist|columnist|writer|critic|producer|editor)"
NEWSROOM = (  # whose error can only be the publication's own
    r"(?:reporter|correspondent|journalist|columnist|presenter|photographer|sub-?editor|copy\s+editor|"
    r"newsroom|(?:news|wire|photo|picture|image|press)\s+(?:agency|agencies|service|provider|supplier|desk))"
)
# What "yesterday's ..." or "Monday's ..." names when a note cites the publication's own output.
EDITION = rf"(?:{CITED}|edition|paper|show|newscast)"
REPORTED = (  # what the piece did, right or wrong
    r"(?:said|says|say|stated|states|state|reported|reports|report|wrote|described|describes|describe|"
    r"referred|refers|refer|identified|identifies|identify|attributed|attribute|quoted|quote|named|"
    r"called|call|listed|labell?ed|cited|gave|spelled|spelt|suggested|implied|included|credited|"
    r"captioned|indicated|placed|transcribed|characteri[sz]ed|used|located|claimed|showed|put|assumed|"
    r"translated|dated|printed|published|ran|aired|broadcast|featured|linked|omitted|contained|"
    r"displayed|asserted|mentioned|presented|reversed|confused|conflated|repeated|recommended|"
    r"overstated|understated|misspoke)"
)
MIS = (
    "stated states state spelled spelt spells spell identified identifies identify attributed attribute quoted "
    "named captioned characterized characterised reported represented labeled labelled described gendered "
    "translated dated took heard read placed interpreted spoke printed titled transcribed calculated credited"
).split()
ERROR_VERBS = r"mis-?(?:" + "|".join(MIS) + ")"
ADVERB_WORDS = "incorrectly wrongly mistakenly erroneously inaccurately falsely imprecisely"
ADVERBS = r"(?:" + "|".join(ADVERB_WORDS.split()) + ")"
MIS_WORDS = " ".join(["mis", *(f"mis{w}" for w in MIS)])
CHANGED = (
    r"(?:corrected|updated|amended|changed|edited|revised|clarified|altered|removed|rewritten|re-?worded|"
    r"withdrawn|fixed|replaced|deleted)"
)
LABELS = {
    "correction": r"corrections?(?:\s+(?:and|&)\s+(?:clarifications?|amplifications?|updates?))?"
    r"|corrected|correction\s+(?:added|appended)|apology|for\s+the\s+record",
    "clarification": r"clarifications?",
    "editors_note": r"editors?['’]?s?['’]?\s+notes?|editorial\s+note",
    "update": r"updated?s?",
    "note": r"note",
}
LABEL_WEIGHT = {"correction": 0.95, "clarification": 0.95, "editors_note": 0.45, "update": 0.35, "note": 0.3}
MONTH_WORDS = " ".join(sorted(MONTHS))  # trigger words: names and abbreviations
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DAYS = " ".join(WEEKDAY_NAMES) + " yesterday today last " + MONTH_WORDS
DAY = (
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|last\s+(?:week|month|year)|"
    rf"{MONTH}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH})"
)
PAGES = " ".join(f"p{n} {c}{n}" for n in range(1, 100) for c in "abcdefgh")
CHANGED_WORDS = (
    "corrected updated amended changed edited revised clarified altered removed rewritten reworded worded"
)
CHANGED_WORDS += " withdrawn fixed tweaked replaced deleted"

HEADING = r"(?:[\w&'’.]+\s+){0,4}?[\w&'’.]+:\s+"  # "News Online: ", "The Drum: "
SENT = rf"(?:^(?:{HEADING})?|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s))"  # a sentence start
FREE = (
    r"(?:(?!(?:with|began|was|were|is|are|has|have|had|from|by|to|that|which|who|said|says)\b)[\w’'&.-]+\s+)"
)
NOT_BY = r"(?![^.;]{0,50}?\b(?:(?:published|released|issued|commissioned|written|prepared)\s+by|by\s+the|from\s+the)\b)"
NOT_BY += r"(?!(?<=photo)\s+of\b)(?!(?<=graph)\s+of\b)(?!(?<=picture)\s+of\b)"  # a report *by* others
IN_SENTENCE = (  # one sentence, across the periods of "Nov. 1", "John G. Roberts Jr." and the like
    r"(?:[^.]|(?<=\b[a-z])\.|(?<=\b(?:jr|mr|dr|st|ms|no))\.|(?<=\bmrs)\.|(?<=\bsept)\."
    r"|(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))\.)"
)
ATTRIBUTED = (  # "..., the minister admitted": someone else's words, reported without quotation marks
    r"[^.!?]*?,\s+(?:[\w.'’-]+\s+){0,4}?(?:said|says|admitted|admits|added|told|conceded|acknowledged|argued)\b"
)
ACCOUNT_VERBS = (
    r"(?:said|says|stated|described|suggested|referred|included|called|implied|identified|quoted|reported)"
)
WE_VERBS = (
    rf"(?:{ERROR_VERBS}|said|say|stated|state|reported|report|wrote|described|describe|referred|refer|called|"
    r"call|identified|identify|attributed|quoted|named|suggested|implied|published)"
)

# ---- signals: data section --------------------------------------------------------------------
# "<name> <weight> <anchor|content>: <trigger words, one of which must occur; * for none>", then the
# pattern on indented lines (joined without spaces), run on the lowercased paragraph; <NAME> is the
# module constant of that name. An anchor refers to the publication's own piece or act: without one
# (or a label) a paragraph is not a note, however many error words it has. Weights combine as a
# noisy-or; a signal with several patterns fires once.
SIGNALS = r"""
self_reference:version 0.75 anchor: version versions draft drafts edition
    \b(?:earlier|previous|prior|original|initial|early|first
    |older)\s+(?:[\w-]+\s+(?:and\s+)?){0,3}?(?:versions?|drafts?
    |edition)\b(?:\s+(?:of|for|on|about)\s+(?:this|our|the\s+(?:[\w-]+\s+)?<CORE>|[\"“‘']
    |the\s+(?:[\w-]+\s+){1,2}(?:for|of|on|in)\s+(?:this|our)|(?:the|an?)\s+(?:[\w-]+\s+)?(?:web|digital
    |online|audio|broadcast|story|article|headline|caption|graphic|chart|map|photo))|\s*,
    |\s+(?:\w+ly\s+)?(?:<REPORTED>|<ERROR_VERBS>)\b|\s+<ADVERBS>
    |\s+had\s+(?:an?\s+|the\s+)?(?:incorrect|wrong|outdated|inaccurate))
    |\bin\s+an?\s+(?:earlier|previous|prior)\s+(?:[\w-]+\s+)?version\b(?!\s+of\s+(?!this|our|the\s+<CORE>))
self_reference:earlier_piece 0.6 anchor: earlier previous prior original initial
    \b(?:earlier|previous|prior|original|initial)\s+(?:\w+\s+){0,2}?(?:headline|caption|captions|description
    |summary|tweet|graphic|chart|map|photo|image|newsletter|alert|transcript|audio|broadcast
    |text)\b(?:\s+(?:for|of|on)\s+(?:this|our)|\s+(?:\w+\s+)?(?:<REPORTED>|<ERROR_VERBS>|<ADVERBS>)\b)
self_reference:as_we_had_it 0.75 anchor: we i
    \bas\s+(?:we|i)\s+(?:had\s+it|(?:originally|previously|mistakenly|incorrectly|wrongly|first)\s+\w+)
self_reference:as_we_had_it 0.75 anchor: not
    \bnot\b[^.;]{0,80}?\bas\s+(?:we|i|(?:the|an?|our)\s+(?:\w+\s+)?<CITED>(?:\s+(?!by\b|from\b)[\w'’,]+){0,3}?)
    \s+(?:had\s+it|had|said|stated|reported|suggested
    |implied|described|called|wrote|claimed|indicated|states|says)\b
self_reference:as_we_had_it 0.75 anchor: originally previously initially
    \bas\s+(?:originally|previously|initially)\s+(?:published|reported|stated|written)\b
self_reference:we_reported 0.55 anchor: we our
    ^[\s•*(\[]*(?:(?:last\s+\w+|on\s+[^,.]{3,30}?|in\s+(?:an?|our|the
    |this)\s+[^,.]{3,140}?),?\s+)?we\s+(?:\w+ly\s+|also\s+|then\s+)?(?:<WE_VERBS>|broadcast|aired|ran)\b(?<!wrote)
    (?!\s+(?:last|earlier|in\s+\d{4}|this\s+(?:week|month|year)))
    |\bin\s+(?:an?|our)\s+(?:[\w-]+\s+){0,3}?<PUB>\b[^.]{0,140}?,\s+(?:we
    |our\s+(?:[\w-]+\s+)?<STAFF>)\s+(?:\w+ly\s+)?(?:<REPORTED>|<ERROR_VERBS>)\b
self_reference:piece_said 0.45 anchor: this our today yesterday week
    \b(?:this|our|today['’]s|yesterday['’]s|last\s+week['’]s|this\s+\w+['’]s)\s+(?:[\w-]+\s+){0,3}?(?:<PUB>
    |<STAFF>)(?:\s+(?:on\s+)?<DAY>\S*)?\s+(?:\w+ly\s+)?(?:<REPORTED>|<ERROR_VERBS>)\b
self_reference:piece_said 0.45 anchor: should
    <SENT>(?:an?|the)\s+(?:[\w-]+\s+){0,3}?<PUB>\b[^.]{0,150}?\bshould\s+have\s+(?:said|stated|read|made
    |been|included|noted)\b
self_reference:we_erred 0.55 anchor: wrong incorrect inaccurate erroneous
    ^[^“\"”]*?\bwe\s+(?:got\s+(?:[\w'’,-]+\s+){0,8}?wrong\b|had\s+(?:it|(?:the|an?|his|her|their|its)\s+(?:[\w'’-]+\s+){0,4}?)wrong\b
    |(?:got|had|gave|used|printed|published|ran|reported)\s+(?:the|an?)\s+(?:wrong|incorrect|inaccurate
    |erroneous)\b)(?!<ATTRIBUTED>)
self_reference:we_said 0.2 anchor: we i
    \bwe\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?<WE_VERBS>\b|\bi\s+(?:<ADVERBS>|originally
    |initially)\s+<REPORTED>\b|\bi\s+(?:\w+ly\s+)?<ERROR_VERBS>\b
self_reference:this_piece 0.15 anchor: this our programme broadcast bulletin
    \b(?:this|our)\s+(?:[\w-]+\s+){0,2}?<PUB>\b|\b(?:on|in)\s+the\s+(?:programme|broadcast|bulletin)\b
publication:piece_cited 0.3 anchor: <DAYS>
    <SENT>[\s•*'‘“\"]*(?:(?:in|on|during|contrary\s+to
    |because\s+of\s+an?\s+[\w\s]{0,20}error,)\s+)?(?:(?:an?|the|two|three|several
    |our)\s+(?:<FREE>{0,5}?<CITED>s?\b<NOT_BY>(?=[^.]{0,70}?\b<DAY>)
    |(?:[\w-]+\s+){0,2}?<DAY>\S*\s+(?:[\w-]+\s+){0,2}?<CITED>s?\b)
    |(?:yesterday|today|last\s+week|\w+day)['’]s\s+(?:[\w-]+\s+){0,3}?<EDITION>s?\b<NOT_BY>)
publication:piece_cited 0.25 anchor: yesterday today week monday tuesday wednesday thursday friday saturday sunday
    (?:(?<=\bin\s)|(?<=\bon\s)|(?<=\bof\s)|(?<=\bfrom\s))(?:yesterday|today|last\s+week|(?:mon|tues|wednes
    |thurs|fri|satur|sun)day)['’]s\s+(?:[\w&-]+\s+){0,3}?<EDITION>s?\b<NOT_BY>
publication:piece_cited 0.3 anchor: aired broadcast
    ^(?:[\w&'’.:,]+\s+){0,8}?(?:aired|broadcast)\s+(?:an?\s+|several\s+)?(?:[\w-]+\s+){0,3}?<PUB>s?\b
publication:account 0.3 anchor: <DAYS>
    <SENT>[\s•*'‘“\"]*(?:(?:in|on)\s+)?(?:an?|two|three|several)\s+(?=<IN_SENTENCE>{0,160}?\b<DAY>)(?:(?:front-page
    |online|web|print|[\d,]+|<MONTH>)\s+){0,3}(?:article|story|stories|column|editorial|feature|obituary|review
    |headline|caption)s?\b<NOT_BY>(?!\s+of\b)<IN_SENTENCE>{0,220}?\b<ACCOUNT_VERBS>\b
publication:account 0.3 anchor: yesterday today week monday tuesday wednesday thursday friday saturday sunday
    <SENT>[\s•*'‘“\"]*(?:(?:in|on)\s+)?(?:yesterday|today|last\s+week|\w+day)['’]s\s+(?:(?:front-page|online|web
    |print)\s+)?(?:article|story|column|editorial|feature|obituary|review|headline|caption|programme|broadcast
    |bulletin|edition)\b<NOT_BY>(?!\s+(?:of|in)\b)(?:\s+(?!who\b|which\b|that\b)[\w'’-]+){0,6}?\s+<ACCOUNT_VERBS>\b
publication:dated_account 0.35 anchor: *
    ^<HEADING>(?:on|in|during)\s+(?=[^.]{0,100}?(?:<DAY>|\d{4}))
publication:page_cited 0.5 anchor: page p <PAGES>
    (?:[,(]\s*|\bon\s+)(?:page|p)\s?[a-h]?\d{1,3}\b(?=[^.]{0,60}?(?:\d{4}|\b<MONTH>|yesterday|day\b|last\s+week|magazine
    |section|review|journal))|\((?:[^()]{3,120}),\s*(?:page|p)\s?\d{1,3}\b
publication:page_cited 0.5 anchor: week yesterday <MONTH_WORDS>
    \([^()]{2,120},\s*(?:last\s+week|yesterday|\d{1,2}\s+<MONTH>|<MONTH>\s+\d{1,2})[^()]{0,40}\)
publication:page_cited 0.5 anchor: section <PAGES>
    \b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|yesterday['’]s
    |<MONTH>\s+\d{1,2})\s+(?:[\w&-]+\s+){0,3}section\b|\b<DAY>\S*\s+(?:[\w&-]+\s+){0,3}on\s+[a-h]\d{1,2}\b
    |\bsection\s+[a-h]\b
publication:own_error 0.45 anchor: error errors mistake typo
    \b(?:editing|editorial|editor['’]?s|production|transcription|typographical|captioning|caption
    |headline|subbing|sub-editing|copy-?editing|copy\s+editor['’]?s|reporting|reporter['’]?s
    |<NEWSROOM>)\s+(?:error|mistake)\b|\ba\s+typo\b
    |\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:error|mistake)\s+(?:by|from|of|on\s+the\s+part\s+of)\s+(?:the|an?|our
    |one\s+of\s+our)\s+(?:[\w-]+\s+){0,2}?<NEWSROOM>\b
    |\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:error|mistake)\s+in\s+(?:this|our|(?:yesterday|today|last\s+week
    |\w+day)['’]s)\s+(?:[\w-]+\s+){0,2}?<PUB>\b
publication:notice 0.5 anchor: correction clarification apology
    \b(?:on-air\s+|online\s+)?(?:correction|clarification|apology)(?:\s+notice)?\s+(?:was
    |has\s+been)\s+(?:broadcast|published|issued|added|aired|appended|made)\b
publication:we_clarify 0.45 anchor: clarify clear point correct acknowledge acknowledges accept accepts apologise apologize
    \b(?:we|the\s+\w+|\w+\s+news)\s+(?:would\s+like\s+to|wish(?:es)?\s+to|wants?\s+to|must|need\s+to
    |(?:have|has)\s+been\s+asked\s+to|acknowledges?|accepts?)\s+(?:clarify|make\s+(?:it\s+)?clear
    |point\s+out|correct|apologi[sz]e|that\s+(?:the|this|our)\s+(?:\w+\s+){0,2}(?:story|article|report
    |segment))|\b(?:asks?|asked)\s+us\s+to\s+(?:make\s+(?:it\s+)?clear|clarify|point\s+out|correct)
publication:we_clarify 0.45 anchor: should
    \bwe\s+should\s+have\s+(?:said|made\s+(?:it\s+)?clear|stated|included|noted|described|explained)\b
publication:we_clarify 0.45 anchor: clarify clarification
    <SENT>(?:for\s+(?:the\s+sake\s+of\s+)?clarification|to\s+clarify),
publication:passive_account 0.25 anchor: stated said claimed suggested implied asserted reported written published
    \bit\s+was\s+(?:also\s+)?(?:stated|said|claimed|suggested|implied|asserted|reported|written
    |published)(?:\s+in\s+error)?\s*(?:that|on
    |[:,]?\s*[‘'\"“])
apology 0.5 anchor: regret regrets apologise apologize apologies
    \bwe\s+(?:sincerely\s+|deeply\s+)?(?:regret|apologi[sz]e\s+for)\s+(?:the|this|that|these|our
    |any)\s+(?:\w+\s+)?(?:error|errors|mistake|omission|inaccurac\w*|confusion)
    |\bregrets\s+the\s+(?:error|mistake)|\b(?:our\s+)?apologies\s+for\s+(?:the|this
    |any)\s+(?:\w+\s+)?(?:error|mistake|offence|confusion)|\bwe\s+apologi[sz]e\s+for\s+(?:the|any)\b
    |\bwe\s+(?:sincerely\s+)?apologi[sz]e\.(?![\"”’])
amended 0.8 anchor: <CHANGED_WORDS>
    \b(?:this|these|our)\s+(?:[\w-]+\s+){0,2}?<PUB>s?\s+(?:and\s+(?:its\s+
    |the\s+)?(?:[\w-]+\s+)?<PUB>s?\s+)?(?:has|have|had|was|were|is|are)\s+(?:since\s+|now\s+
    |also\s+)?(?:been\s+)?<CHANGED>\b(?!\s+(?:daily|regularly|weekly|often|every))
    |\bthe\s+(?:original\s+|online\s+|web\s+)?<CORE>s?\s+(?:and\s+(?:the\s+)?<CORE>\s+)?(?:has|have|was
    |is)\s+(?:since\s+|now\s+)?(?:been\s+)?(?:corrected|updated|amended|clarified)\b
    |\b(?:this|it)\s+has\s+(?:since\s+)?been\s+(?:corrected|amended|fixed)\b
    |\b(?:errors?|mistakes?|(?:mistaken|wrong|incorrect|erroneous|inaccurate|false|misleading
    |outdated)\s+(?:[\w'’-]+\s+){0,2}?[\w-]+)\s+(?:has|have)\s+(?:since\s+|now\s+)?been\s+(?:corrected
    |fixed|removed|amended|changed|replaced|deleted|updated)(?=\s*(?:[.;)]|$)|\s+(?:in|from|on)\s+(?:this|the
    |our)\s+(?:[\w-]+\s+){0,2}?<PUB>)
    |\b(?:we|i)(?:\s+have|['’]ve)?\s+(?:since\s+)?(?:<CHANGED>|tweaked)\s+(?:this|the|an?
    |our)\s+(?:[\w-]+\s+){0,3}?(?:<PUB>|wording)
    |\b(?:<CHANGED>|tweaked)\s+(?:this|our)\s+(?:[\w-]+\s+){0,2}?(?:(?!(?:feature|review|item)\b)<CORE>
    |wording)\b
error_verb 0.4 content: <MIS_WORDS> <ADVERB_WORDS> error
    \b<ERROR_VERBS>\b|\b<ADVERBS>\s+(?:\w+\s+)?<REPORTED>\b|\b(?:said|stated|reported|described|identified
    |attributed|quoted|named|labell?ed|cited|spelled|spelt|referred|called|listed|credited
    |published),?\s+(?:<ADVERBS>|in\s+error)\b
error_statement 0.35 content: incorrect inaccurate wrong untrue mistaken misleading correct case garbled altered dead alive die died erroneous outdated corrected
    \b(?:was|were)\s+(?:also\s+)?(?:incorrect|inaccurate|wrong|untrue|mistaken|misleading|not\s+correct
    |not\s+the\s+case|garbled|(?:digitally\s+)?altered)\b|\bis\s+(?:incorrect|inaccurate|not\s+correct
    |untrue)\b|\bwas\s+wrong\s+to\b|\bincorrect\s+(?:information|date|name|figure|photo|spelling
    |number|image)|\b(?:has\s+been\s+corrected|correct\s+(?:spelling|name|title|date|figure|number))\b
    |\b(?:gave|published|ran|carried|showed|listed|named|included)\s+(?:the\s+|an?\s+)?(?:wrong
    |incorrect|inaccurate|erroneous|outdated)\b
    |\b(?:the|an?)\s+(?:wrong|incorrect|inaccurate|erroneous|outdated)\s+(?:[\w'’-]+\s+){0,2}?(?:was|were)\s+(?:used
    |published|printed|shown|included|given|attached)\b
    |\b(?:is|are|was|were)\s+(?:not|n['’]t)\s+dead\b|\b(?:is|are)\s+(?:still\s+)?alive\b|\b(?:did\s+not|didn['’]t
    |has\s+not|hasn['’]t)\s+died?\b
error_statement 0.35 content: should would
    \bshould\s+have\s+(?:said|read|stated|been|made|included|noted|referred|described|used)\b
    |\bwould\s+have\s+been\s+(?:more\s+)?(?:accurate|correct|better|clearer)
error_statement 0.35 content: impression accurately fairly correctly meet error failed neglected omitted overstated understated exaggerated outdated
    \b(?:left|gave)\s+the\s+(?:wrong\s+|mistaken\s+)?impression|\bdid\s+not\s+(?:accurately|fairly|correctly
    |meet)\b|\bin\s+error\b|\b(?:the|an|this)\s+error\b|\b(?:failed|neglected)\s+to\s+(?:note|mention
    |include|disclose|make\s+clear)|\bomitted\s+(?:an?\s+|the\s+)?(?:reporting\s+credit|credit|words?
    |context|reference)|\b(?:overstated|understated|exaggerated|outdated)\b
contrast 0.3 content: not
    [,;](?<=\w[,;])\s+not\s+(?!only\b|just\b|least\b|merely\b|to\b|because\b|as\s+(?:much|many|well)\b
    |that\b|yet\b|in\b|for\b|with\b|by\b|a\s+\w+\s+\w+\s+\w+)
contrast 0.3 content: fact actually correct proper right rather instead course
    \bin\s+fact\b|\bactually\b|\bthe\s+(?:correct|proper|right)\s+\w+\s+(?:is|was)\b|\brather\b
    |\binstead\s+of\b|\bof\s+course\b
change_note 0.3 content: <CHANGED_WORDS> correct clarify reflect add include
    \b(?:has|have)\s+been\s+(?:updated|corrected|amended|changed|edited|clarified|removed)\s+(?:to|with|at
    |on|since|because)\b|\bto\s+(?:correct|clarify|reflect|add|include)\s+
temporal 0.15 content: originally previously initially earlier
    \b(?:originally|previously|initially|earlier)\s+(?:\w+\s+)?(?:<REPORTED>|<ERROR_VERBS>)\b
clarify 0.2 content: clarify clarifies clarified clarification clear point plain
    \b(?:clarif(?:y|ies|ied|ication)|make\s+(?:it\s+)?clear|made\s+(?:it\s+)?clear|point\s+out
    |make\s+plain)\b
publication:piece_cited 0.25 anchor: published ran
    ^(?:[\w&'’.:,]+\s+){0,8}?(?:published|ran)\s+(?:an?\s+|several\s+)?(?:[\w-]+\s+){0,3}?<PUB>s?\b
"""


@cache
def compiled_signals() -> list[tuple[str, float, bool, frozenset[str] | None, re.Pattern[str]]]:
    """SIGNALS parsed and compiled, on first use so that importing the module stays instant."""
    specs: list[list[str]] = []
    for line in SIGNALS.strip().splitlines():
        if line.startswith(" "):
            specs[-1][1] += line.strip()
        else:
            specs.append([line, ""])
    signals = []
    for head, pattern in specs:
        name, weight, role, words = re.fullmatch(r"(\S+) ([\d.]+) (anchor|content): (.+)", head).groups()
        words, pattern = (re.sub(r"<([A-Z_]+)>", lambda m: globals()[m[1]], x) for x in (words, pattern))
        trigger = None if words == "*" else frozenset(words.split())
        signals.append((name, float(weight), role == "anchor", trigger, re.compile(pattern)))
    return signals
