"""What an editor's note says, and how strongly a paragraph says it: the note detector's signals.

A paragraph is scored from independent pieces of evidence (a label such as "Correction:", a
reference to the publication's own piece, an error verb, a contrast of values ...), combined as a
noisy-or into a confidence in [0, 1]. The names of the signals that fired are kept as evidence, so
a reader (and tracker's linking step) can see why a paragraph was taken for a note. The wording is
kept to classes ("<anyone> has updated this story", "<wrong/incorrect ...> X has been corrected",
"we got X wrong", any dated reference to the outlet's own piece) rather than phrases of single
notes, so that it carries to outlets and notes it was not tuned on.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tracker.lexicon import MONTHS

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
DAYS = "monday tuesday wednesday thursday friday saturday sunday yesterday today last " + MONTH_WORDS
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
def _signals() -> list[tuple[str, float, bool, frozenset[str] | None, re.Pattern[str]]]:
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


_I = re.IGNORECASE
# A label opens a paragraph or a sentence, possibly decorated (*, •, [, ( ...) and dated
# ("CORRECTION (April 13, 2020, 8:45 a.m.):", "Update October 20, 2025, 9:21PM ET:").
_DATE_BIT = (
    r"(?:\d{1,2}:\d\d|\d+(?:st|nd|rd|th)?|[ap]\.?m\.?|[A-Z][a-z]{2,8}\.?|[A-Z]{2,4}|on|at|added|"
    r"posted|made|appended|issued|[,/.\-–(@]|\s)"
)
_LABEL = re.compile(
    r"(?:^|(?<=[.!?\"”)] ))[\s*•\[(\"“]*(?P<label>"
    + "|".join(f"(?P<{k}>{v})" for k, v in LABELS.items())
    + rf")\b(?:\s*{_DATE_BIT}{{0,14}}?)\s*[)\]]?\s*(?::|\]|—|–|\s-\s)",
    _I,
)
_UPDATED_AT = re.compile(r"^[\s*\[(]*updated\s+(?:at|on)\s+[^.]{0,40}?\d[^.]{0,25}?\bto\b", _I)
# A paragraph that is only a label ("Editor's note:", "UPDATE", "Correction"): its note is the next one.
_BARE = re.compile(
    r"^[\s*•\[(]*(?P<label>" + "|".join(f"(?P<{k}>{LABELS[k]})" for k in KINDS) + r")[\s)\]]*[:.—–-]?\s*$", _I
)
_DATE_ONLY = re.compile(rf"(?:{_DATE_BIT})+")  # case matters: "March 3, 2021", not "Jane Doe"
# A wire service's revision line, the whole paragraph: "(Corrects name of mine in paragraph 2)",
# "[Updates with details of agreement]". A correcting verb or "Refiles" takes any object; the others
# need an editorial one (with ..., to add ..., a paragraph or headline, comment, details ...), so
# that a results round-up's "(Adds 2 points ...)" is not one.
_WIRE = re.compile(
    r"^\s*[(\[]\s*(?P<verb>corrects|correcting|fixes|clarifies|updates|updating|adds|adding|recasts|refiles"
    r"|refiling|rewrites|removes)\s+(?P<object>[^()\[\]\n:]{2,200}?)\s*[.;]?\s*[)\]]\s*\.?\s*$",
    _I,
)
_WIRE_OBJECT = re.compile(
    r"^(?:with|to\s+(?:add|include|fix|correct|show|reflect|remove|clarify|say|make|change|update|restore"
    r"|delete|insert|replace|amend|give|note|state|specify|withdraw))\b"
    r"|\b(?:paragraphs?|paras?|pars?|headlines?|lead\s+paragraph|byline|dateline|graphics?|slug|factbox"
    r"|throughout)\b"
    r"|^(?:[\w'’-]+\s+){0,3}?(?:comments?|quotes?|details?|background|reaction|context|statements?|analysts?"
    r"|analysis|charts?|photos?|pictures?|videos?|links?|tables?|prices|results|interviews?|remarks"
    r"|information|sourcing|figures|data)\b",
    _I,
)
_WIRE_KIND = dict.fromkeys(("corrects", "correcting", "fixes"), "correction") | {"clarifies": "clarification"}
_WIRE_ANY = {*_WIRE_KIND, "refiles", "refiling"}  # verbs with no other use in a bracketed line
_LABEL_WORDS = frozenset(
    "correction corrections corrected clarification clarifications editor editors editorial update updated "
    "updates apology note notes record".split()
)
_BULLET = re.compile(r"^\s*[•●▪]")
# Lines that mention the piece without being a note: credits, bylines, house boilerplate.
_NOT_SELF = re.compile(
    r"\b(?:contributed|contributing)\s+(?:reporting\s+|research\s+)?(?:to|for)\s+this\s+\w+"
    r"|(?<!of\s)\bthis\s+(?:story|article|report|piece)\s+(?:was|is|has\s+been)\s+(?:produced|written|"
    r"reported|published|funded|supported|made\s+possible|originally\s+(?:published|appeared)|co-?published|"
    r"part|brought|adapted|excerpted|first\s+published|translated)\b|\bshare\s+this\b"
    r"|\b(?:views|opinions)\s+expressed\s+in\s+this\b|\b(?:will|would|could|may|might|to)\s+update\s+this\b"
    r"|\bappear(?:s|ed)\s+in\s+print\b[^\n]*",
    _I,
)
_NOT_SELF_WORDS = frozenset("contributed contributing views opinions update share print".split())
_NOT_SELF_THIS = frozenset(
    "produced written reported published funded supported possible originally part brought adapted excerpted "
    "first translated co copublished".split()
)
# A quotation: it opens the paragraph or follows a space (an opening quote, not a closing one), and
# runs to a closing quote, or, left open as quotes running over paragraphs are, to the paragraph's end
# or to a sentence that opens a new quotation ('... sent messages. "Posters done by them ...').
# '"This Fool" as "The Fool"' closes after a space, so the words before it are not taken for a quote.
_QUOTED = re.compile(
    r"(?:^|(?<=\s))[“\"](?=\S)[^”\"\n]{20,}(?:”|(?<=\S)\"|(?<=[.!?,])(?=\s+[“\"])|(?<=[.!?])\s*$)"
)
# A quotation that is itself a note ("“An earlier tweet misidentified ...,” their tweet said"): an
# article about a correction quotes it, and it stays readable.
_QUOTED_NOTE = re.compile(
    r"[“\"](?:(?:corrections?|clarification|update|editor['’]?s['’]?\s+note)\b|an?\s+(?:earlier|previous|prior"
    r"|original)\s+(?:[\w-]+\s+){0,2}?(?:versions?|tweets?|posts?|stor(?:y|ies)|articles?|reports?|headlines?"
    r"|captions?)\b|this\s+(?:story|article|post|report|piece)\s+(?:has|had|was)\b)",
    _I,
)
_CLARIFY = re.compile(r"\bclarif", _I)
_MAKE_CLEAR = re.compile(
    r"\bmake\s+(?:it\s+)?clear|\bmade\s+(?:it\s+)?clear|\bmake\s+plain|\bpoint\s+out\b", _I
)
_EDITORS = re.compile(  # the business of an editor's note: standards, not facts
    r"\b(?:digitally\s+)?(?:altered|manipulated)\b|\bremoved\s+the\s+content\b|\bwithdrawn\b|\bretract"
    r"|\bnot\s+(?:been\s+)?disclosed\b|\bconflict\s+of\s+interest\b|\bplagiari",
    _I,
)
_UPDATE_WORDS = re.compile(
    r"\b(?:updated|update|edited|expanded)\b(?=[^.]{0,60}\b(?:to\s+(?:include|reflect|add|replace|protect|"
    r"more|remove|fix)|with\b))|\bupdated\s+(?:at|on)\b|\bto\s+add\b|\bto\s+include\b",
    _I,
)
_CORRECT = re.compile(r"\bcorrect", _I)
# Error wording or a contrast of values ("24, not 23"): a note "updated" to say so is a correction.
_CORRECTING = re.compile(
    r"\w[,;]\s+not\s+(?!only\b|just\b|least\b|merely\b|because\b|yet\b|to\b|that\b|in\b|for\b|with\b|by\b"
    r"|as\b)\w|\b(?:incorrect|inaccurate|wrong|erroneous|mistaken)(?:ly)?\b|\b(?:errors?|mistakes?|typos?)\b",
    _I,
)
# Reported speech: "<someone> said ...", "..., <someone> said", "according to ...". The piece's own
# "said" ("An earlier version of the story said ...") has the piece, a version or "we" as subject.
_SPEECH_WORDS = frozenset(
    "said says told according stated argued claimed admitted acknowledged conceded insisted explained added "
    "noted confirmed announced".split()
)
_SPEECH = re.compile(  # not the passive "a notice was added"
    r"\baccording\s+to\b(?!\s+(?:this|our|an?\s+(?:earlier|previous)))|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)"
    r"(?<!\bbe\s)(?<!\bis\s)\b(?:said|says|told|stated|argued|claimed|admitted|acknowledged|conceded|insisted"
    r"|explained|added|noted|confirmed|announced)\b"
)
# After a speaker put last (", the council said on Monday.") or between commas (", officials said,").
_SPEECH_END = re.compile(
    r"\s*,.*|(?:\s+(?:on|in|at|last|this|yesterday|today|during|after|before|to|when|by|from|earlier|later)\b"
    r"[^.!?,]{0,40})?\s*[.!?\"”’]*\s*"
)
_OWN_VOICE = re.compile(  # "... (News, last week) said": a piece cited by section and date
    rf"\b(?:we|i|it|this|our|us|versions?|drafts?|edition|headings?|tickers?|tweets?|{PUB}s?|{STAFF}s?)\b"
    rf"|\([^()]*(?:\b{DAY}|\bpage\b)"
)
_STRONG_SELF = re.compile(r"\b(?:this|our|we|us)\b")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")
# What makes a paragraph read as the rest of the note before it, not as news: it speaks of the piece
# or as the publication, apologises, or the piece "said" something.
_FOLLOW = re.compile(
    rf"\b(?:we|our|us)\b|\bapologi|\bregret|\bsorry\b|{SENT}(?:the|this|that|our|its)\s+(?:(?:original|earlier"
    rf"|previous|first|online|web|print)\s+)?(?:{CORE}|version|{STAFF})\b|{SENT}it\s+(?:also\s+)?(?:\w+ly\s+)?"
    rf"(?:{REPORTED}|{ERROR_VERBS})\b"
)
_ADDENDUM = re.compile(r"\b(?:also|additionally|in\s+addition)\b")  # a further point of the same note
SHORT = 12  # words: "The Pentagon official previously misspoke." follows a note; a news lead is longer

_WORD = re.compile(r"\w+")


def _label(paragraph: str, words: set[str]) -> tuple[str | None, re.Match[str] | None]:
    if words.isdisjoint(_LABEL_WORDS):
        return None, None
    m = _LABEL.search(paragraph) or _BARE.match(paragraph)
    if m:
        return next(k for k, v in m.groupdict().items() if v and k != "label"), m
    return ("update", None) if _UPDATED_AT.search(paragraph) else (None, None)


def _wire_kind(paragraph: str, tokens: list[str]) -> str | None:
    """The kind of a wire service's revision line ("(Corrects ... in paragraph 2)"), else None."""
    m = _WIRE.match(paragraph) if len(tokens) <= 30 and paragraph.lstrip()[:1] in "([" else None
    if m is None:
        return None
    verb = m["verb"].lower()
    if verb not in _WIRE_ANY and not _WIRE_OBJECT.search(m["object"]):
        return None
    return _WIRE_KIND.get(verb, "update")


def _is_bare(paragraph: str, match: re.Match[str] | None) -> bool:
    """True when the paragraph is only a label, perhaps dated: "Editor's note:", "Correction: May 3"."""
    if match is None:
        return False
    rest = paragraph[match.end() :].strip()
    if match.re is _BARE or len(_WORD.findall(rest)) <= 2:
        return True
    return len(rest) <= 40 and any(c.isdigit() for c in rest) and _DATE_ONLY.fullmatch(rest) is not None


def _attributed(body: str) -> list[tuple[int, int]]:
    """Spans of the sentences that report someone else's words: "The department said ...", "..., X said"."""
    spans = []
    for sentence in _SENTENCE.finditer(body):
        text = sentence.group()
        for m in _SPEECH.finditer(text):
            before = text[: m.start()]
            if m.group().startswith("according"):
                subject = "someone"
            elif "," in before and _SPEECH_END.fullmatch(text, m.end()):  # the speaker after a comma
                subject = before[before.rfind(",") + 1 :]
            else:
                subject = before
            if _WORD.search(subject) and not _OWN_VOICE.search(subject):
                spans.append(sentence.span())
                break
    return spans


def _own_voice(pattern: re.Pattern[str], body: str, attributed: list[tuple[int, int]]) -> bool:
    """True when a match of pattern is the piece speaking of itself, not in someone's reported words."""
    for m in pattern.finditer(body):
        if _STRONG_SELF.search(m.group()) or not any(a <= m.start() < b for a, b in attributed):
            return True
    return False


def _own_words(text: str, cut: int) -> str:
    """The paragraph with quotations blanked: what it says in its own voice. The quotation right after
    a label ('Correction: "This story ..."') and one opening the paragraph that is itself a note
    stay, as they are the note."""
    kept = len(text) - len(text[cut:].lstrip()) if cut else -1

    def blank(m: re.Match[str]) -> str:
        if m.start() < cut or m.start() == kept or m.start() == 0 and _QUOTED_NOTE.match(m.group()):
            return m.group()
        return ' "" '

    return _QUOTED.sub(blank, text)


def _kind_from_wording(signals: set[str], text: str) -> str:
    if _EDITORS.search(text):
        return "editors_note"
    if _CLARIFY.search(text) or "error_verb" not in signals and _MAKE_CLEAR.search(text):
        return "clarification"
    errors = {"error_verb", "error_statement", "apology", "publication:own_error"}
    if (
        not errors & signals
        and not _CORRECT.search(text)
        and not _CORRECTING.search(text)
        and _UPDATE_WORDS.search(text)
    ):
        return "update"
    return "correction"


class Scored(NamedTuple):
    """A paragraph's score with what find_notes needs to group it: its label, length and how it reads."""

    score: float
    kind: str | None
    signals: tuple[str, ...]
    label: str | None  # the label's kind ("correction", ..., "note"), None when unlabelled
    label_match: re.Match[str] | None
    words: int
    bare: bool = False  # only a label: the note is the next paragraph
    follows: bool = False  # reads as the rest of a note before it (speaks of the piece, apologises ...)
    addendum: bool = False  # a further point ("also", "in addition"): joins a note of another kind


def score_paragraph(paragraph: str) -> tuple[float, str | None, tuple[str, ...]]:
    """Score how likely a paragraph is an editor's note; return (score, kind or None, signals).

    Without a label, a note must refer to the publication's own piece ("an earlier version of this
    story", "as we had it", "an article on Monday ...", "(page 12)"): lacking one, the score stays
    under the threshold however many error words fire, as news copy also says "misidentified". A
    reference inside someone else's reported words ("The department said an earlier version of the
    report ...") is theirs, not the piece's.
    """
    return score_details(paragraph)[:3]


def score_details(paragraph: str) -> Scored:
    """score_paragraph's result, then the label's kind and match, the number of words and how it reads."""
    tokens = _WORD.findall(paragraph.lower())
    words = set(tokens)
    credits = (
        not words.isdisjoint(_NOT_SELF_WORDS) or "this" in words and not words.isdisjoint(_NOT_SELF_THIS)
    )
    text = _NOT_SELF.sub(" ", paragraph) if credits else paragraph
    wire = _wire_kind(text, tokens)
    label_kind, label_match = (wire, None) if wire else _label(text, words)
    cut = label_match.end() if label_match else 0
    body = _own_words(text, cut).lower() if '"' in text or "“" in text else text.lower()
    speaks = not words.isdisjoint(_SPEECH_WORDS)
    speech: list[tuple[int, int]] | None = None  # attributed sentences, found when first needed
    signals: list[str] = []
    miss, anchored = 1.0, False
    if label_kind:
        weight = 0.9 if wire else LABEL_WEIGHT[label_kind]
        if label_match is not None and label_match.start("label") > 40:
            weight *= 0.7  # a label in mid-paragraph: often a quoted note or a live-blog entry
        signals.append("label:wire" if wire else f"label:{label_kind}")
        miss, anchored = 1 - weight, True
    strong_self = False
    for name, weight, anchor, trigger, pattern in _signals():
        if trigger is not None and words.isdisjoint(trigger) or name in signals:
            continue
        if strong_self and name in ("self_reference:we_said", "self_reference:this_piece"):
            continue  # the weak forms add nothing to a stronger self-reference
        if not pattern.search(body):
            continue
        if anchor and speaks:
            speech = _attributed(body) if speech is None else speech
            if speech and not _own_voice(pattern, body, speech):
                continue  # only in someone else's reported words
        signals.append(name)
        miss *= 1 - weight
        anchored = anchored or anchor
        strong_self = strong_self or name.startswith("self_reference")
    if _BULLET.match(text):
        signals.append("bullet")
        miss *= 0.85
    score = 1 - miss if anchored else min(1 - miss, THRESHOLD - 0.05)
    if len(words) > 110 and label_kind in (None, "note", "update"):
        score *= 0.8  # notes are short; a long paragraph with these words is usually copy
    score = round(score, 3)
    kind = None
    if score >= THRESHOLD:
        kind = _kind_from_wording(set(signals), text) if label_kind in (None, "note") else label_kind
    bare = label_kind not in (None, "note") and not wire and _is_bare(text, label_match)
    follows = CONTINUE <= score < THRESHOLD and (  # only asked of a paragraph after a note
        any(s.startswith(("self_reference", "publication")) for s in signals)
        or _FOLLOW.search(body) is not None
        or len(tokens) <= SHORT
        and not (speaks and _attributed(body))
    )
    addendum = "apology" in signals or _ADDENDUM.search(body) is not None
    return Scored(score, kind, tuple(signals), label_kind, label_match, len(tokens), bare, follows, addendum)
