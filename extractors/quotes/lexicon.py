"""Word lists for the quote extractor: speech cues, naming verbs, titles, pronouns, role and institution nouns.

Lemmas are lower-case. English cues are matched on the lemma the tagger gives; Spanish ones (no tagger in the
Spanish pipeline) on the lower-cased word form, so they list the forms news writing uses.
"""

from __future__ import annotations

# Verbs that introduce what somebody said, wrote or put out (English lemmas).
SPEECH_VERBS = frozenset("""
say tell state warn observe add note explain ask write tweet post declare insist argue claim continue reply
respond recall acknowledge announce admit complain suggest predict joke quip conclude emphasize emphasise stress
urge vow promise concede assert maintain contend remark comment mention report testify caution confirm deny
recount describe repeat reiterate point pledge boast lament marvel muse shout yell scream cry exclaim whisper
mutter proclaim retort counter answer interject chime agree disagree believe think reason predict speculate
charge accuse allege blast slam criticize criticise attack praise thank question wonder tout hail insist
explain add demand declare plead rail fume sigh chuckle laugh groan grumble concur recommend advise inform
announce disclose reveal acknowledge affirm confess estimate forecast opine posit propose hint indicate signal
bark demur elaborate press snap scoff gush interrupt intone chide riff rant find conclude pronounce
echo speculate theorize theorise preach rage read chant assure reassure react remember beam retaliate rebut
enthuse exult mock sneer snarl lecture gripe protest plead caution
""".split())
# Cues that introduce direct speech but are too vague for indirect speech ("he thinks that ...").
INDIRECT_VERBS = frozenset("""
say tell state warn observe add note explain write tweet post declare insist argue claim reply respond recall
acknowledge announce admit complain suggest predict conclude emphasize emphasise stress assert maintain contend
remark comment report testify caution confirm deny reiterate pledge boast lament proclaim retort counter allege
charge accuse disclose reveal affirm confess estimate forecast concede vow promise
""".split())
# What people speak through: "Trump issued a statement: “…”".
MEDIA_NOUNS = frozenset("""
statement tweet post message release letter memo email e-mail video ad advertisement interview remark speech
op-ed column editorial note announcement communique communiqué piece article sign placard banner poster sheet
""".split())
# Subjects that are documents, not speakers: their "says"/"found" is not reported speech.
DOCUMENT_NOUNS = frozenset("""
report survey study poll proclamation order document filing data analysis paper bill law text draft index
forecast figure figures statistic statistics chart table opinion ruling decree directive regulation
""".split())
# Verbs that are cues only with a particle ("Trump shot back", "she fired back", "he went on", "cut in").
PARTICLE_CUES = {
    "shoot": ("back",), "fire": ("back",), "hit": ("back",), "push": ("back",), "strike": ("back",),
    "lash": ("back", "out"), "go": ("on",), "cut": ("in",), "chime": ("in",), "pipe": ("up", "in"),
    "speak": ("up", "out"), "weigh": ("in",), "break": ("in",),
}
# Verbs whose quoted object is a name or a characterisation, never a full direct quotation.
NAMING_VERBS = frozenset("""
call dub label brand term nickname describe characterize characterise deem refer name title tag
""".split())
# Words after which a quoted phrase is a name or label ("the so-called ...", "known as ...").
LABEL_LEADS = frozenset("so-called dubbed titled entitled named nicknamed billed branded known styled".split())

PRONOUNS_PERSON = {"he": "m", "she": "f", "him": "m", "her": "f"}
PRONOUNS_ALL = frozenset("""
i me my we us our you your he him his she her they them their it its who whom whose which that this these those
one himself herself themselves itself myself ourselves yourself someone somebody everyone anyone
""".split())

# Honorifics and offices written before a name ("Sen. Ted Cruz", "Prime Minister Mark Carney").
TITLES = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. senator rep rep. representative gov gov. governor
president vice pres pres. gen gen. general lt lt. col col. sgt sgt. adm adm. capt capt. maj maj. cmdr
cmdr. cpl pvt rev rev. reverend judge justice
secretary sec sec. mayor chairman chairwoman chair speaker sir dame lady lord former candidate nominee minister
prime chancellor king queen prince princess pope ambassador attorney premier commissioner deputy acting
presumptive republican democratic democrat gop first lady u.s. us state foreign finance trade economy
economic commerce treasury leader hon hon. st st. jr jr. sr sr. ii iii iv spokesman spokeswoman spokesperson
""".split())

# Head nouns of descriptions that stand for a person ("the Mexican leader", "the economist").
ROLE_NOUNS = frozenset("""
leader president minister premier chancellor senator governor mayor candidate nominee congressman congresswoman
lawmaker legislator representative secretary ambassador spokesman spokeswoman spokesperson official economist
analyst strategist adviser advisor aide diplomat negotiator envoy chief executive chairman chairwoman chair
director professor expert businessman businesswoman billionaire mogul host anchor commissioner king queen
prince pope judge justice attorney lawyer general commander officer founder ceo head manager owner pastor
activist author writer columnist reporter journalist democrat republican frontrunner front-runner
""".split())
# Head nouns of institutions that speak ("the ministry said", "the White House said").
INSTITUTION_NOUNS = frozenset("""
ministry department office agency commission government administration cabinet embassy council committee
parliament congress senate court bank company firm group campaign party union association federation
organization organisation institute foundation spokesperson secretariat presidency bureau authority
board team network newspaper paper magazine outlet station channel website service
""".split())

# Spanish: the verbs of saying and their forms are in config/spanish_speech.toml (extractors/quotes/spanish_verbs.py).
SPANISH_ROLE_NOUNS = frozenset("""
presidente presidenta mandatario mandataria primer primera ministro ministra secretario secretaria canciller
senador senadora gobernador gobernadora jefe jefa líder portavoz vocero vocera economista analista director
directora embajador embajadora negociador negociadora representante comisario comisaria alcalde alcaldesa
diputado diputada funcionario funcionaria titular especialista investigador investigadora consultor consultora
profesor profesora experta experto coordinador coordinadora productor productora republicano republicana
demócrata viceprimer vicepresidente vicepresidenta dirigente
""".split())
SPANISH_INSTITUTIONS = frozenset("""
gobierno ministerio secretaría cancillería presidencia embajada comisión banco empresa casa oficina departamento
ejecutivo
""".split())
SPANISH_DETERMINERS = frozenset("el la los las un una del al lo".split())
SPANISH_CONNECTORS = frozenset("de del la las los y e el".split())

# Who speaks for an institution without being named.
SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman representative portavoz vocero vocera".split())
# Roles that many unnamed people hold: a description with them is never resolved to a named person.
GENERIC_ROLES = frozenset("""
official spokesman spokeswoman spokesperson aide adviser advisor analyst expert strategist lawyer attorney
source person officer manager reporter journalist activist owner head director
""".split())
# Head nouns of a description that stands for people, not for a document or a thing.
PERSON_NOUNS = ROLE_NOUNS | GENERIC_ROLES | SPOKESPEOPLE
# How an article introduces someone holding a role ("Sen. Ted Cruz"), for resolving "the senator".
ROLE_ALIASES = {
    "leader": ("president", "prime minister", "premier", "chancellor", "leader", "king", "queen", "pres."),
    "president": ("president", "pres."),
    "senator": ("sen.", "senator", "sen "),
    "governor": ("gov.", "governor"),
    "congressman": ("rep.", "congressman", "representative"),
    "congresswoman": ("rep.", "congresswoman", "representative"),
    "representative": ("rep.", "representative"),
    "minister": ("minister", "secretary"),
    "premier": ("premier",),
    "candidate": ("candidate", "nominee", "hopeful"),
    "nominee": ("nominee", "candidate"),
    "secretary": ("secretary", "sec."),
    "mayor": ("mayor",),
    "chancellor": ("chancellor",),
    "economist": ("economist",),
    "professor": ("professor", "prof."),
}
