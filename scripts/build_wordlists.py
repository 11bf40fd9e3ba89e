"""Build central/wordlists/{en,it,fi}.txt, the help desk's check words (central.help_desk).

A person may read their words on a shared phone, so no word may hint at what they asked
about (drink, gambling, prison, illness...) or shock: those are left out (EXCLUDED) and, in
the fixed BIP39 lists, replaced by neutral words (REPLACEMENTS) so each list keeps 2048
words. Every word is told apart by its first four letters read without accents (how a typed
word is matched), also after the replacements; the build fails otherwise.

Sources (see central/wordlists/README.md for licences):
- en, it: BIP39's English and Italian lists (bitcoin/bips, bip-0039/*.txt, MIT licence).
- fi: Kotus's "Nykysuomen sanalista" (CC BY 4.0): headwords of 4 to 7 letters written with
  a-z, ä and ö only, grouped by their first four letters read without accents; the shortest
  word of each group (alphabetically first among equals) stands for it; 2048 of the groups,
  evenly spread over the alphabet.

Usage: python scripts/build_wordlists.py BIP39_DIR KOTUS_HEADWORDS_TXT central/wordlists
"""

import re
import sys
import unicodedata
from pathlib import Path

WORDS = 2048
EXCLUDED = {
    "en": set(
        "abuse addict alcohol arrest assault bomb bullet casino cigar crack crash crime despair disease divorce "
        "drink dumb evil fatal gun illness inflict inject inmate insane liar lottery misery orphan pill pistol "
        "police poverty prison rifle riot sheriff sick smoke tobacco toilet ugly warfare weapon wine".split()
    ),
    "it": set(
        "alcolico alticcio arsenico birra cirrosi delirio demenza epatite farmaco fucilata fumante insonnia "
        "insulina isterico lotteria lutto malsano meschino mitra necrosi nevrotico orfano pillola placebo psiche "
        "sisma tabacco tumulto uccisore vergogna vittima viziare".split()
    ),
    "fi": set("ääliö humala huora itku kalja neula nuuska peli pilli piri uhri".split()),
}
REPLACEMENTS = {
    "en": (
        "acorn almond anthem apricot aurora bakery banjo beacon berry biscuit bonnet breadcrumb butterfly "
        "candle caramel cedar chestnut cocoa comet cookie crayon dahlia daisy dewdrop dolphin doodle "
        "feather fern firefly flannel garnet gingham harmony hazel heron iris jasmine juniper kayak lagoon "
        "lantern lavender lilac magpie maize marigold meringue mint nutmeg orchid otter pebble peach "
        "pinecone quilt robin saffron seashell sparrow starfish tulip velcro walrus willow yarn yogurt "
        "bluebell bramble buttercup cobble dapple ember fable gondola hammock "
        "igloo jigsaw kettle ladle nectar oatmeal paprika quince raisin sesame thimble vanilla waffle zinnia"
    ).split(),
    "it": (
        "abbraccio albicocca allegria amaca ananas aquilone arancia armadio astuccio batuffolo borraccia "
        "bottone cammello candito canguro carciofo castagna ciliegia cocomero coniglio fagiolo fiordaliso "
        "fragola gelato geranio girasole glicine gomitolo granchio lampone lavanda limone lucciola mandarino "
        "margherita nocciola ombrello orsetto papavero pattino pinguino pistacchio quaderno rondine salvia "
        "scoiattolo sorbetto tamburo zucchero biscotto ciambella cuscino frittella ghirlanda ippocampo "
        "lumachina mughetto nuvoletta pagnotta ricamo sciarpa tartufo violetta zafferano bucaneve "
        "cardellino fiocco gattino lampada melograno pettirosso ramoscello tovaglia"
    ).split(),
}
FI_LETTERS = re.compile(r"^[a-zäö]{4,7}$")


def folded(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def with_replacements(language: str, words: list[str]) -> list[str]:
    kept = [w for w in words if w not in EXCLUDED[language]]
    taken = {folded(w)[:4] for w in kept}
    for word in REPLACEMENTS[language]:
        if len(kept) == WORDS:
            break
        if len(word) >= 4 and folded(word)[:4] not in taken and word not in EXCLUDED[language]:
            kept.append(word)
            taken.add(folded(word)[:4])
    return sorted(kept)


def finnish(path: Path) -> list[str]:
    headwords = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()} - {"hakusana"}
    groups: dict[str, str] = {}
    for word in sorted((w for w in headwords if FI_LETTERS.match(w)), key=lambda w: (len(w), w)):
        if word not in EXCLUDED["fi"]:
            groups.setdefault(folded(word)[:4], word)
    chosen = [groups[prefix] for prefix in sorted(groups)]
    step = len(chosen) / WORDS
    return [chosen[int(i * step)] for i in range(WORDS)]


def main(bip39: Path, kotus: Path, out: Path) -> None:
    lists = {
        "en": with_replacements("en", (bip39 / "english.txt").read_text(encoding="utf-8").split()),
        "it": with_replacements("it", (bip39 / "italian.txt").read_text(encoding="utf-8").split()),
        "fi": finnish(kotus),
    }
    for language, words in lists.items():
        if len(words) != WORDS or len({folded(w)[:4] for w in words}) != WORDS:
            raise SystemExit(f"{language}: {len(words)} words, not {WORDS} told apart by four letters")
        (out / f"{language}.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
