"""Names as search sees them: folded to plain lower-case letters, split into tokens, mapped to
the formal names they may be nicknames of, and coded by sound.

Staff type what they hear ("Chuy", "Garcia Lopez", "Nuñez"); a record may hold "Jesús",
"García-López", "Nunez". Everything that compares names (the search keys, the search scores and
the duplicate finder) goes through these functions so that all three agree on what "the same
name" means.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from nicknames import NickNamer

# Spanish hypocorisms are the nicknames staff meet most often that the English list lacks.
SPANISH_NICKNAMES: dict[str, tuple[str, ...]] = {
    "alejandro": ("alex", "jano"),
    "alberto": ("beto",),
    "adolfo": ("fito",),
    "alfonso": ("poncho",),
    "alicia": ("licha",),
    "antonio": ("tono", "tonio", "tony"),
    "beatriz": ("bea",),
    "concepcion": ("concha", "conchita", "chona"),
    "dolores": ("lola", "lolita"),
    "eduardo": ("lalo",),
    "enrique": ("quique", "kike"),
    "ernesto": ("neto",),
    "fernando": ("nando", "fer"),
    "francisca": ("paquita", "pancha"),
    "francisco": ("paco", "pancho", "curro", "kiko", "panchito"),
    "graciela": ("chela",),
    "gregorio": ("goyo",),
    "guadalupe": ("lupe", "lupita"),
    "guillermo": ("memo", "guille"),
    "gustavo": ("tavo",),
    "humberto": ("beto",),
    "ignacio": ("nacho",),
    "isabel": ("chabela", "isa"),
    "javier": ("javi",),
    "jesus": ("chuy", "chucho", "chuyito"),
    "jose": ("pepe", "pepito", "chepe", "chema"),
    "juan": ("juancho", "juanito"),
    "leticia": ("lety", "leti"),
    "lorenzo": ("lencho",),
    "luciano": ("chano",),
    "manuel": ("manolo", "manny", "manu"),
    "maria": ("mari", "maruca"),
    "mercedes": ("meche",),
    "norberto": ("beto",),
    "octavio": ("tavo",),
    "rafael": ("rafa",),
    "ramon": ("moncho",),
    "refugio": ("cuca", "cuco"),
    "rigoberto": ("rigo",),
    "roberto": ("beto",),
    "rodolfo": ("fito", "rudy"),
    "rosario": ("charo", "chayo"),
    "santiago": ("santi",),
    "sergio": ("checo",),
    "teresa": ("tere", "teresita"),
    "vicente": ("chente",),
    "yolanda": ("yoli",),
}

# Spanish given names and their English forms: the same person may give either (Roberto / Bob).
ENGLISH_FORMS: dict[str, tuple[str, ...]] = {
    "alberto": ("albert",), "alejandro": ("alexander",), "andres": ("andrew",), "antonio": ("anthony",),
    "carlos": ("charles",), "eduardo": ("edward",), "enrique": ("henry",), "esteban": ("stephen", "steven"),
    "felipe": ("philip",), "francisco": ("frank", "francis"), "gerardo": ("gerald", "jerry"), "guillermo": ("william",),
    "jesus": ("jesse",), "jorge": ("george",), "jose": ("joseph", "joe"), "juan": ("john",), "luis": ("louis",),
    "manuel": ("emmanuel",), "mateo": ("matthew",), "miguel": ("michael",), "pablo": ("paul",), "pedro": ("peter",),
    "rafael": ("ralph",), "ricardo": ("richard",), "roberto": ("robert",), "tomas": ("thomas",), "vicente": ("vincent",),
    "ana": ("ann", "anna"), "catalina": ("catherine",), "elena": ("helen",), "francisca": ("frances",),
    "guillermina": ("wilhelmina",), "isabel": ("elizabeth",), "josefina": ("josephine",), "juana": ("jane", "joan"),
    "margarita": ("margaret",), "maria": ("mary",), "rosa": ("rose",), "teresa": ("theresa",),
}  # fmt: skip

# Particles that begin compound surnames ("de la Cruz", "van der Berg"): not useful alone.
PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "y",
        "e",
        "da",
        "das",
        "do",
        "dos",
        "van",
        "von",
        "der",
        "den",
        "di",
        "du",
        "le",
        "st",
        "mc",
    }
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# A canonical set larger than this says too little (e.g. "al") to be worth a search key.
MAX_CANONICALS_FOR_KEYS = 4

_NON_LETTER = re.compile(r"[^a-z\- ]+")
_SEPARATORS = re.compile(r"[\s\-]+")


def fold(text: str | None) -> str:
    """Lower-case ASCII letters, spaces and hyphens only: accents dropped, apostrophes closed up."""
    if not text:
        return ""
    return _fold(text)


@lru_cache(maxsize=200_000)
def _fold(text: str) -> str:
    # Names repeat (a few thousand cover most records), so a cache makes bulk indexing cheap.
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("'", "").replace("’", "").replace(".", " ").replace(",", " ")
    return " ".join(_NON_LETTER.sub(" ", plain).split())


# What intake writes when it has no name: these say nothing about who the person is, so a record
# holding one is treated as having no name there (search, duplicates and completeness alike).
PLACEHOLDER_NAMES = frozenset(
    {
        "unknown",
        "unk",
        "doe",
        "nan",
        "none",
        "null",
        "n a",
        "anonymous",
        "anon",
        "refused",
        "not given",
        "no name",
        "first name",
        "last name",
        "firstname",
        "lastname",
        "of the house",
        "head of household",
        "head of the house",
        "xxx",
        "xx",
    }
)


def is_placeholder(text: str | None) -> bool:
    """True when a name field holds no real name: empty, a placeholder ("Unknown", "Doe", "nan",
    "Last Name", "Of The House") or a single letter."""
    folded = fold(text).replace("-", " ")
    letters = folded.replace(" ", "")
    return len(letters) <= 1 or " ".join(folded.split()) in PLACEHOLDER_NAMES


def query_tokens(text: str | None) -> list[str]:
    """tokens() of a name typed into a search field, with a placeholder ("Unknown", "N/A")
    counted as no name. A single letter stays: someone searching "J Smith" means an initial."""
    folded = " ".join(fold(text).replace("-", " ").split())
    return [] if folded in PLACEHOLDER_NAMES else tokens(text)


def record_tokens(text: str | None) -> list[str]:
    """tokens() of a name a record holds, with placeholders and junk counted as no name."""
    return [] if is_placeholder(text) else tokens(text)


def tokens(text: str | None) -> list[str]:
    """The words of a name: hyphenated and compound names give each part and the joined whole
    ("Garcia-Lopez" -> garcia, lopez, garcialopez; "De la Cruz" -> cruz, delacruz)."""
    return list(_tokens(text)) if text else []


@lru_cache(maxsize=200_000)
def _tokens(text: str) -> tuple[str, ...]:
    folded = fold(text)
    if not folded:
        return ()
    parts = [p for p in _SEPARATORS.split(folded) if p]
    out: list[str] = []
    meaningful = [p for p in parts if p not in PARTICLES and p not in SUFFIXES]
    for part in meaningful or parts:
        if part not in out:
            out.append(part)
    if len(parts) > 1:
        joined = "".join(p for p in parts if p not in SUFFIXES)
        if joined and joined not in out:
            out.append(joined)
    return tuple(out)


@lru_cache(maxsize=1)
def _canonical_lookup() -> dict[str, frozenset[str]]:
    lookup: dict[str, set[str]] = {k: set(v) for k, v in NickNamer().canonical_lookup.items()}
    for formal, nicks in SPANISH_NICKNAMES.items():
        for nick in nicks:
            lookup.setdefault(nick, set()).add(formal)
    # A Spanish name stands for its English forms too, and so do its nicknames (Beto -> Roberto ->
    # Robert), which then meet the English nicknames (Bob -> Robert).
    for spanish, english in ENGLISH_FORMS.items():
        lookup.setdefault(spanish, set()).update(english)
    for forms in lookup.values():
        for formal in list(forms):
            forms.update(ENGLISH_FORMS.get(formal, ()))
    return {k: frozenset(v) for k, v in lookup.items()}


@lru_cache(maxsize=50_000)
def canonicals(token: str) -> frozenset[str]:
    """The token and every formal name it may be short for ("chuy" -> {chuy, jesus})."""
    return frozenset({token}) | _canonical_lookup().get(token, frozenset())


def key_canonicals(token: str) -> frozenset[str]:
    """canonicals() trimmed for search keys: a nickname of too many names keys only itself."""
    found = canonicals(token)
    return found if len(found) <= MAX_CANONICALS_FOR_KEYS + 1 else frozenset({token})


def are_nicknames(a: str, b: str) -> bool:
    """True when one token is a nickname of the other, or both of the same formal name."""
    return a != b and bool(canonicals(a) & canonicals(b))


@lru_cache(maxsize=100_000)
def sound(token: str) -> str:
    """The token's Metaphone code (its sound), or the token itself when it has none."""
    return jellyfish.metaphone(token) or token


def first_letter(token: str) -> str:
    return token[:1]
