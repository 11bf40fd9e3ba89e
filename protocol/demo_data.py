"""Deterministic, fictional sample data shared by both sides: contacts, resources, appointments.

Owns: the generators used by `prossimo demo`, `prossimo-central demo`, the benchmarks and
tests (it lives in `protocol` because both sides need the same invented data). The
same seed always gives the same data. Every person here is invented; names are
drawn from Italian, Finnish and other common names so that accents, apostrophes
and long compound place names are exercised. Most contacts live in the Lodi area
(the municipalities of `protocol.gazetteer`, so distances from a contact's
municipality work), a few elsewhere, where the gazetteer knows no position.

The directory (`resources`) is the demo of the Lodi area: real municipalities, seats'
coordinates from the gazetteer, fictional services, organisations, addresses, phone
numbers and mail addresses (see `resources`). `DIRECTORY_SIZE` services with
`DIRECTORY_SEED` are shipped as an HSDS package in protocol/resources/lodi/directory
(scripts/generate_lodi_directory.py writes it).

Must never contain real people's data and never depend on the store (it returns
plain field dictionaries).
"""

import datetime as dt
import random
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from protocol import gazetteer
from protocol.clock import utc_now

GIVEN_NAMES = (
    "Lorenzo",
    "Giulia",
    "Francesca",
    "Matteo",
    "Chiara",
    "Alessandro",
    "Sofia",
    "Niccolò",
    "Martina",
    "Luca",
    "Aino",
    "Eino",
    "Väinö",
    "Siiri",
    "Juha",
    "Tuuli",
    "Mikko",
    "Helmi",
    "Olli",
    "Ilona",
    "Amina",
    "Omar",
    "Fatima",
    "Yusuf",
    "Ana",
    "Mihai",
    "Irina",
    "Jonas",
    "Zoë",
    "Noël",
    "Kateryna",
    "Dmytro",
    "Grace",
    "Samuel",
    "Élodie",
    "Hüseyin",
)
FAMILY_NAMES = (
    "Rossi",
    "Bianchi",
    "Esposito",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Lòdi",
    "Fabbri",
    "D'Angelo",
    "Sartori",
    "Cantù",
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Järvinen",
    "Lehtonen",
    "Popescu",
    "Kovalenko",
    "El Amrani",
    "Öztürk",
    "Ngugi",
    "Silva",
)
ALIASES = ("Stella", "Lupo", "Kettu", "Tähti", "Nemo", "Fenice", "Karhu", "Vento", "Sole", "Ombra")
LODI_AREA = tuple(place.name for place in gazetteer.municipalities())
# Places outside the gazetteer: someone registered elsewhere, or just arrived. They keep
# accented and apostrophe names in the data, and have no position (no distance from them).
ELSEWHERE = (
    "Bologna",
    "Forlì",
    "Cantù",
    "Città di Castello",
    "Sant'Agata di Militello",
    "Helsinki",
    "Jyväskylä",
    "Hämeenlinna",
    "Milano",
    "Piacenza",
    "Cremona",
)
MUNICIPALITIES = LODI_AREA + ELSEWHERE
TAGS = ("outreach", "housing", "harm-reduction", "family", "youth", "employment", "follow-up")
LANGUAGES = ("it", "fi", "en", "ar", "uk", "ro", "sv")

# The larger towns get more services, and the only ones of the services a whole district
# shares (a SerD, a job centre, an anti-violence centre): how many times each appears in
# one round of municipalities (every other municipality appears once per round).
TOWN_SHARE = {"Lodi": 20, "Codogno": 9, "Casalpusterlengo": 8, "Sant'Angelo Lodigiano": 7}
LARGER_VILLAGES = (
    "Lodi Vecchio",
    "Zelo Buon Persico",
    "Tavazzano con Villavesco",
    "Mulazzano",
    "Castiglione d'Adda",
    "Borghetto Lodigiano",
    "Massalengo",
    "Somaglia",
    "San Rocco al Porto",
    "San Martino in Strada",
)


def _share(name: str) -> int:
    return TOWN_SHARE.get(name, 2 if name in LARGER_VILLAGES else 1)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"+39 3{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+358 4{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _home(rng: random.Random) -> str:
    """A contact's municipality: mostly the Lodi area (the larger towns more often), some elsewhere."""
    if rng.random() < 0.12:
        return rng.choice(ELSEWHERE)
    return rng.choices(LODI_AREA, weights=[_share(name) for name in LODI_AREA])[0]


def contacts(count: int, seed: int = 1, team_id: uuid.UUID | None = None) -> Iterator[dict[str, Any]]:
    """Field dictionaries for `count` contacts; about 1 in 12 is pseudonymous."""
    rng = random.Random(seed)
    this_year = utc_now().year
    for number in range(count):
        municipality = _home(rng)
        if rng.random() < 1 / 12:
            yield {
                "kind": "pseudonymous",
                "alias": f"{rng.choice(ALIASES)} {number}",
                "municipality": municipality,
                "tags": ["outreach"],
                "team_id": team_id,
            }
            continue
        yield {
            "kind": "person",
            "given_name": rng.choice(GIVEN_NAMES),
            "family_name": rng.choice(FAMILY_NAMES),
            "birth_year": rng.randint(this_year - 85, this_year - 16),
            "phone": _phone(rng) if rng.random() < 0.7 else None,
            "municipality": municipality,
            "preferred_language": rng.choice(LANGUAGES),
            "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 2)))),
            "team_id": team_id,
        }


# --- the Lodi-area directory -------------------------------------------------------------

DIRECTORY_SIZE = 300  # services in the shipped demo directory
DIRECTORY_SEED = 2  # the default seed of `resources`: `resources(60)` is the shipped directory's start
# The day the verification dates were chosen against (the UI tests' "now"): about 12 % of
# the services were last verified more than a year before it, 4 % never.
VERIFIED_AS_OF = dt.date(2026, 11, 23)
# Fixed namespace of the demo's HSDS ids: the same text always gives the same id.
HSDS_NAMESPACE = uuid.UUID("5f0c2d6e-8a41-5b3c-9e7d-1a2b3c4d5e6f")


@dataclass(frozen=True)
class _Kind:
    """One kind of service; `{town}` in its texts becomes the municipality it is in."""

    name: str
    organization: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    description: str
    eligibility: str
    hours: str  # a key of _HOURS
    phones: str  # "office", "mobile", "text" (messages only) or "hotline"
    weight: int = 2
    towns_only: bool = False  # district services: only in the four larger towns
    once: bool = False  # at most one per municipality (the municipality's own office)
    languages: tuple[str, ...] = ()  # besides Italian
    place: str | None = None  # the location's name, when it has one
    hidden: bool = False  # a protected address: no street, no coordinates


def _kind(
    name: str,
    organization: str,
    categories: str,
    keywords: str,
    description: str,
    eligibility: str,
    hours: str,
    phones: str,
    **options: Any,
) -> _Kind:
    return _Kind(
        name,
        organization,
        tuple(categories.split()),
        tuple(keywords.split()),
        description,
        eligibility,
        hours,
        phones,
        **options,
    )


# Services as the Lodi area's social map has them; every organisation and text is invented.
# "Mensa" begins the names of the services that serve meals and appears nowhere else:
# tests search for it.
KINDS = (
    _kind(
        "Comune di {town} – Servizi sociali",
        "Comune di {town}",
        "care income family",
        "assistente-sociale segretariato-sociale contributi",
        "Segretariato sociale: ascolto, orientamento ai servizi, domande di contributo economico e presa "
        "in carico delle famiglie in difficoltà.",
        "Persone e famiglie residenti a {town}; chi non è residente riceve un primo ascolto e orientamento.",
        "office",
        "office",
        weight=6,
        once=True,
        place="Municipio",
    ),
    _kind(
        "Sportello casa",
        "Comune di {town}",
        "housing",
        "affitto alloggio sfratto case-popolari",
        "Informazioni sui bandi per le case popolari, contributi per l'affitto e aiuto per chi rischia lo sfratto.",
        "Residenti a {town}; portare un documento d'identità e, se disponibile, l'ISEE.",
        "split",
        "office",
        weight=3,
        once=True,
    ),
    _kind(
        "Housing sociale temporaneo",
        "Cooperativa sociale Il Tetto",
        "housing shelter",
        "appartamento accoglienza-temporanea autonomia",
        "Appartamenti condivisi per alcuni mesi, con un educatore di riferimento, per chi ha perso la casa "
        "e sta costruendo la propria autonomia.",
        "Su segnalazione dei servizi sociali del comune di residenza.",
        "appointment",
        "office",
        towns_only=True,
    ),
    _kind(
        "Sportello inquilini",
        "Associazione Inquilini Uniti",
        "housing legal",
        "affitto sfratto morosità contratto",
        "Consulenza su contratti d'affitto, spese condominiali, morosità e sfratti, con un legale una volta al mese.",
        "Inquilini di case private e popolari; tessera associativa annuale, gratuita per chi ha l'ISEE basso.",
        "few",
        "office",
        weight=3,
    ),
    _kind(
        "Agenzia sociale per l'affitto",
        "Consorzio servizi sociali del Lodigiano",
        "housing income",
        "affitto garanzia deposito-cauzionale",
        "Mette in contatto chi cerca casa con proprietari disponibili e offre un fondo di garanzia per il "
        "deposito cauzionale.",
        "Nuclei con ISEE sotto la soglia del bando in corso.",
        "few",
        "office",
        towns_only=True,
    ),
    _kind(
        "Centro per l'impiego",
        "Servizi per il lavoro del Lodigiano",
        "work",
        "disoccupazione offerte-di-lavoro curriculum patto-di-servizio",
        "Iscrizione come disoccupati, patto di servizio, offerte di lavoro della zona e aiuto a scrivere il "
        "curriculum.",
        "Maggiorenni in cerca di lavoro; servono un documento valido e il codice fiscale.",
        "office",
        "office",
        weight=3,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Sportello lavoro",
        "Cooperativa sociale Il Ponte",
        "work",
        "curriculum colloquio tirocinio",
        "Orientamento al lavoro, bilancio delle competenze e accompagnamento ai colloqui.",
        "Aperto a tutti; l'orientamento anche a chi non ha il permesso di soggiorno.",
        "few",
        "mobile",
        weight=3,
        languages=("en", "fr"),
    ),
    _kind(
        "Tirocini e borse lavoro",
        "Consorzio servizi sociali del Lodigiano",
        "work income",
        "tirocinio borsa-lavoro inserimento-lavorativo",
        "Tirocini retribuiti in aziende del territorio per persone seguite dai servizi sociali o dal SerD.",
        "Su progetto concordato con il servizio che segue la persona.",
        "appointment",
        "office",
        towns_only=True,
    ),
    _kind(
        "Mensa solidale",
        "Caritas Lodigiana",
        "food",
        "pasti pranzo pasto-caldo",
        "Pranzo caldo ogni giorno, senza prenotazione; si può anche ritirare un pasto da asporto.",
        "Accesso libero, anche senza documenti.",
        "meals",
        "office",
        weight=3,
        towns_only=True,
        once=True,
        languages=("en", "fr", "ar"),
    ),
    _kind(
        "Mensa serale",
        "Associazione Pane Condiviso",
        "food shelter",
        "cena pasti pasto-caldo",
        "Cena calda servita dai volontari; il martedì e il venerdì anche la doccia.",
        "Accesso libero, anche senza documenti.",
        "evening_meals",
        "mobile",
        weight=1,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Emporio solidale",
        "Caritas Lodigiana",
        "food income",
        "spesa tessera-a-punti alimenti",
        "Un piccolo supermercato dove si fa la spesa gratis con una tessera a punti, per alcuni mesi.",
        "Con la tessera rilasciata dai centri di ascolto o dai servizi sociali.",
        "few",
        "office",
        weight=3,
        towns_only=True,
    ),
    _kind(
        "Distribuzione pacchi alimentari",
        "Caritas parrocchiale di {town}",
        "food",
        "pacco-alimentare spesa alimenti",
        "Un pacco di alimenti una volta al mese, con prodotti freschi quando ce ne sono.",
        "Famiglie indicate dal centro di ascolto parrocchiale o dai servizi sociali.",
        "few",
        "mobile",
        weight=4,
        place="Oratorio",
    ),
    _kind(
        "Centro di ascolto",
        "Caritas parrocchiale di {town}",
        "care food",
        "ascolto orientamento bollette",
        "Volontari che ascoltano, orientano ai servizi e aiutano con bollette e spese urgenti.",
        "Aperto a tutti, senza appuntamento.",
        "few",
        "mobile",
        weight=3,
        once=True,
    ),
    _kind(
        "Assistenza domiciliare",
        "Cooperativa sociale Il Girasole",
        "care",
        "anziani disabilità domicilio igiene-personale",
        "Operatori socio-sanitari a casa per l'igiene personale, i pasti e la compagnia di anziani e persone "
        "con disabilità.",
        "Su valutazione dell'assistente sociale del comune.",
        "office",
        "office",
        weight=3,
    ),
    _kind(
        "Centro diurno per anziani",
        "Fondazione Casa Serena",
        "care health",
        "anziani centro-diurno trasporto",
        "Accoglienza di giorno con pranzo, attività e trasporto da casa.",
        "Persone oltre i 65 anni parzialmente autosufficienti; retta in base all'ISEE.",
        "weekdays_long",
        "office",
    ),
    _kind(
        "Trasporto sociale",
        "Associazione Ruote Amiche",
        "care health",
        "trasporto visite-mediche accompagnamento",
        "Accompagnamento in auto a visite mediche e terapie per chi non può spostarsi da solo.",
        "Anziani e persone con disabilità; prenotare due giorni prima.",
        "office",
        "office",
    ),
    _kind(
        "Punto di facilitazione digitale",
        "Comune di {town}",
        "other training",
        "SPID computer pratiche-online",
        "Aiuto per SPID, fascicolo sanitario, domande online e uso del computer.",
        "Aperto a tutti, meglio su appuntamento.",
        "few",
        "office",
        once=True,
        place="Biblioteca civica",
    ),
    _kind(
        "Biblioteca – punto internet",
        "Comune di {town}",
        "other training",
        "internet wifi stampa libri",
        "Postazioni internet gratuite, wifi, stampa di documenti e libri anche in altre lingue.",
        "Aperto a tutti con la tessera della biblioteca, gratuita.",
        "afternoons_saturday",
        "office",
        once=True,
        place="Biblioteca civica",
    ),
    _kind(
        "CPIA – corso di italiano per stranieri",
        "Centro provinciale istruzione adulti",
        "training",
        "italiano L2 licenza-media test-A2",
        "Corsi gratuiti di lingua italiana dal livello base, test A2 e percorsi per la licenza media.",
        "Dai 16 anni; iscrizione anche senza permesso di soggiorno.",
        "afternoons",
        "office",
        weight=3,
        towns_only=True,
        once=True,
        languages=("en", "fr", "ar"),
    ),
    _kind(
        "Corso di italiano per donne con bambini",
        "Associazione Donne in Rete",
        "training women",
        "italiano mamme spazio-bimbi",
        "Lezioni di italiano al mattino con uno spazio bimbi accanto all'aula.",
        "Donne straniere con figli piccoli; gratuito.",
        "few_mornings",
        "mobile",
        languages=("ar", "ur", "en"),
    ),
    _kind(
        "Formazione professionale",
        "Centro di formazione professionale del Lodigiano",
        "training work youth",
        "corso qualifica apprendistato",
        "Corsi di qualifica in ristorazione, logistica e assistenza, con tirocinio finale.",
        "Giovani dai 16 ai 29 anni e adulti disoccupati.",
        "office",
        "office",
        towns_only=True,
    ),
    _kind(
        "Ambulatorio medico solidale",
        "Associazione Medici Volontari",
        "health",
        "medico visite farmaci",
        "Visite mediche gratuite e farmaci di base per chi non ha un medico di famiglia.",
        "Persone senza tessera sanitaria o senza medico; accesso libero.",
        "few",
        "office",
        towns_only=True,
        languages=("en", "fr", "ar", "ro"),
    ),
    _kind(
        "Consultorio familiare",
        "Servizio sanitario territoriale del Lodigiano",
        "health family women",
        "gravidanza contraccezione coppia psicologo",
        "Ostetrica, ginecologa, psicologa e assistente sociale per gravidanza, contraccezione, coppia e figli.",
        "Accesso diretto e gratuito; alcune prestazioni su appuntamento.",
        "office",
        "office",
        weight=3,
        towns_only=True,
        once=True,
    ),
    _kind(
        "SerD – Servizio dipendenze",
        "Servizio sanitario territoriale del Lodigiano",
        "addiction health",
        "alcol droghe terapia metadone",
        "Cura delle dipendenze da alcol, sostanze e farmaci: colloqui, terapie ed esami, in riservatezza.",
        "Accesso diretto e gratuito, anche anonimo; non serve l'impegnativa del medico.",
        "office",
        "office",
        weight=3,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Gruppo di auto-aiuto alcol",
        "Associazione Ripartire",
        "addiction",
        "alcol gruppo auto-aiuto familiari",
        "Incontri serali settimanali per persone con problemi di alcol e per i loro familiari.",
        "Aperto a tutti, gratuito, senza iscrizione.",
        "one_evening",
        "mobile",
        weight=3,
    ),
    _kind(
        "Sportello gioco d'azzardo",
        "Cooperativa sociale Il Ponte",
        "addiction income",
        "azzardo debiti slot",
        "Ascolto e consulenza per chi gioca troppo e per i familiari, con un consulente per i debiti.",
        "Gratuito e riservato, su appuntamento.",
        "appointment",
        "text",
        towns_only=True,
    ),
    _kind(
        "Sportello legale gratuito",
        "Associazione Diritti in Comune",
        "legal",
        "avvocato sfratto lavoro-nero separazione",
        "Avvocati volontari per una prima consulenza su casa, lavoro, famiglia e debiti.",
        "Persone con reddito basso; portare i documenti della pratica.",
        "one_evening",
        "mobile",
        weight=3,
        towns_only=True,
    ),
    _kind(
        "Sportello immigrazione",
        "Associazione Terra Comune",
        "legal",
        "permesso-di-soggiorno cittadinanza ricongiungimento",
        "Aiuto per permessi di soggiorno, rinnovi, ricongiungimenti familiari e domande di cittadinanza.",
        "Aperto a tutti; portare passaporto e permesso, anche scaduti.",
        "few",
        "office",
        weight=3,
        languages=("en", "fr", "ar", "ur"),
    ),
    _kind(
        "Patronato – pratiche e pensioni",
        "Patronato Lavoro e Diritti",
        "legal income",
        "pensione invalidità NASpI assegno-unico",
        "Pratiche per pensioni, invalidità civile, indennità di disoccupazione e assegno unico.",
        "Gratuito per le pratiche previdenziali.",
        "split",
        "office",
    ),
    _kind(
        "Centro per la famiglia",
        "Consorzio servizi sociali del Lodigiano",
        "family",
        "genitori mediazione-familiare affido",
        "Sostegno ai genitori, mediazione familiare e gruppi per famiglie affidatarie.",
        "Famiglie del Lodigiano; gratuito.",
        "split",
        "office",
        weight=3,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Spazio gioco 0-3 anni",
        "Comune di {town}",
        "family",
        "bambini genitori gioco",
        "Mattine di gioco per bambini fino a tre anni insieme a un genitore.",
        "Famiglie con bambini da 0 a 3 anni; gratuito.",
        "few_mornings",
        "office",
        once=True,
    ),
    _kind(
        "Doposcuola",
        "Associazione Compiti Insieme",
        "youth training family",
        "compiti scuola ragazzi",
        "Aiuto nei compiti per ragazzi delle scuole medie e superiori, con volontari e studenti universitari.",
        "Ragazzi dagli 11 ai 18 anni; iscrizione con un genitore.",
        "youth_afternoons",
        "mobile",
        weight=3,
    ),
    _kind(
        "Centro antiviolenza",
        "Associazione Donne Insieme",
        "women legal",
        "violenza maltrattamento ascolto denuncia",
        "Ascolto, consulenza legale e psicologica e percorsi di uscita dalla violenza, in segretezza.",
        "Donne che subiscono violenza, anche senza denuncia; gratuito.",
        "office",
        "hotline",
        weight=3,
        towns_only=True,
        once=True,
        languages=("en", "fr", "ar"),
    ),
    _kind(
        "Casa rifugio",
        "Associazione Donne Insieme",
        "women shelter",
        "protezione accoglienza figli",
        "Accoglienza protetta per donne e figli in pericolo; l'indirizzo non è pubblico.",
        "Accesso tramite il centro antiviolenza, le forze dell'ordine o il pronto soccorso.",
        "always",
        "hotline",
        weight=1,
        towns_only=True,
        once=True,
        hidden=True,
    ),
    _kind(
        "Sportello donna e lavoro",
        "Associazione Donne in Rete",
        "women work",
        "lavoro conciliazione curriculum",
        "Orientamento al lavoro per donne, conciliazione con i figli, contatti con aziende del territorio.",
        "Donne dai 18 anni; gratuito.",
        "few",
        "mobile",
        weight=3,
    ),
    _kind(
        "Gruppo di parola per mamme",
        "Associazione Donne in Rete",
        "women family",
        "mamme gravidanza gruppo",
        "Incontri tra mamme straniere e italiane con un'ostetrica e una mediatrice culturale.",
        "Donne in gravidanza o con figli piccoli.",
        "few_mornings",
        "text",
        languages=("ar", "ur", "fr", "en"),
    ),
    _kind(
        "Informagiovani",
        "Comune di {town}",
        "youth work training",
        "lavoro studio volontariato servizio-civile",
        "Informazioni su lavoro, studio, servizio civile, volontariato e viaggi; aiuto per il curriculum.",
        "Ragazze e ragazzi dai 15 ai 30 anni.",
        "youth_afternoons",
        "office",
        weight=3,
        towns_only=True,
        once=True,
        languages=("en",),
    ),
    _kind(
        "Centro di aggregazione giovanile",
        "Cooperativa sociale La Strada",
        "youth",
        "ragazzi musica sport",
        "Uno spazio per stare insieme il pomeriggio: sala prove, giochi, tornei, educatori presenti.",
        "Ragazzi dagli 11 ai 19 anni; ingresso libero.",
        "youth_afternoons",
        "mobile",
        weight=3,
    ),
    _kind(
        "Spazio giovani – consultorio adolescenti",
        "Servizio sanitario territoriale del Lodigiano",
        "youth health",
        "adolescenti sessualità psicologo",
        "Psicologa e ostetrica per ragazze e ragazzi: relazioni, sessualità, ansia, anche senza i genitori.",
        "Dai 14 ai 24 anni; gratuito e riservato.",
        "one_afternoon",
        "text",
        towns_only=True,
        once=True,
    ),
    _kind(
        "Educativa di strada giovani",
        "Cooperativa sociale La Strada",
        "youth harm_reduction",
        "educatori parchi prevenzione",
        "Educatori che incontrano i ragazzi nei parchi e nelle piazze, con attività e ascolto.",
        "Ragazzi e giovani fino a 25 anni.",
        "evenings",
        "text",
    ),
    _kind(
        "Centro psicosociale (CPS)",
        "Servizio sanitario territoriale del Lodigiano",
        "mental_health health",
        "psichiatra psicologo crisi terapia",
        "Visite psichiatriche, colloqui psicologici e sostegno nelle crisi, con accesso diretto.",
        "Maggiorenni che vivono nel Lodigiano; gratuito.",
        "office",
        "office",
        towns_only=True,
        once=True,
    ),
    _kind(
        "Gruppo di mutuo aiuto",
        "Associazione Sentieri",
        "mental_health",
        "ansia depressione gruppo familiari",
        "Gruppi settimanali per chi vive ansia o depressione e per i loro familiari.",
        "Aperto a tutti, gratuito.",
        "one_evening",
        "mobile",
    ),
    _kind(
        "Sportello bonus e ISEE",
        "Patronato Lavoro e Diritti",
        "income",
        "ISEE assegno-unico bonus-bollette assegno-di-inclusione",
        "Calcolo dell'ISEE, domande di assegno unico, assegno di inclusione e bonus per le bollette.",
        "Su appuntamento; portare documenti e redditi del nucleo.",
        "split",
        "office",
    ),
    _kind(
        "Fondo per le emergenze e microcredito",
        "Fondazione Solidarietà Lodigiana",
        "income",
        "prestito debiti emergenza",
        "Piccoli prestiti senza interessi e contributi una tantum per spese urgenti.",
        "Residenti nel Lodigiano, su segnalazione di un centro di ascolto.",
        "appointment",
        "office",
        weight=1,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Dormitorio comunale",
        "Comune di {town}",
        "shelter housing",
        "posto-letto notte freddo",
        "Posti letto per la notte, ingresso dalle 20 alle 22, colazione al mattino.",
        "Maggiorenni senza dimora; fino a 30 notti, rinnovabili con l'assistente sociale.",
        "night",
        "hotline",
        towns_only=True,
        once=True,
        languages=("en", "fr"),
    ),
    _kind(
        "Accoglienza notturna invernale",
        "Caritas Lodigiana",
        "shelter",
        "emergenza-freddo posto-letto inverno",
        "Posti letto in più da novembre a marzo, per il piano freddo.",
        "Persone senza dimora, anche senza documenti.",
        "night",
        "mobile",
        weight=1,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Unità di strada",
        "Cooperativa sociale Il Ponte",
        "harm_reduction addiction",
        "riduzione-del-danno materiale-sterile naloxone test-rapidi",
        "Un camper che incontra le persone in strada: materiale sterile, naloxone, test rapidi, ascolto.",
        "Accesso libero e anonimo.",
        "evenings",
        "mobile",
        towns_only=True,
        once=True,
        languages=("en", "ar", "ro"),
    ),
    _kind(
        "Drop-in a bassa soglia",
        "Cooperativa sociale Il Ponte",
        "harm_reduction addiction shelter",
        "doccia bassa-soglia riposo",
        "Spazio diurno a bassa soglia: doccia, bevande calde, riposo e operatori con cui parlare.",
        "Persone che usano sostanze o vivono in strada; accesso libero.",
        "weekdays_long",
        "office",
        weight=1,
        towns_only=True,
        once=True,
    ),
    _kind(
        "Docce e guardaroba solidale",
        "Associazione Porta Aperta",
        "other shelter",
        "doccia vestiti lavatrice",
        "Docce calde, un cambio di vestiti e la lavatrice.",
        "Accesso libero; portare un documento se lo si ha.",
        "few_mornings",
        "mobile",
        towns_only=True,
    ),
    _kind(
        "Residenza anagrafica per persone senza dimora",
        "Comune di {town}",
        "other legal",
        "residenza-fittizia posta documenti",
        "Residenza in una via fittizia per chi vive in strada, per avere documenti, medico e sussidi; "
        "la posta si ritira qui.",
        "Persone senza dimora che vivono abitualmente nel comune.",
        "few",
        "office",
        weight=1,
        towns_only=True,
        once=True,
    ),
)

STREETS = (
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Via Cavour",
    "Via Dante",
    "Via Verdi",
    "Via Matteotti",
    "Via XX Settembre",
    "Via Vittorio Emanuele II",
    "Via Marconi",
    "Via Gramsci",
    "Via IV Novembre",
    "Via della Repubblica",
    "Via Europa",
    "Via Volta",
    "Via Manzoni",
    "Via Carducci",
    "Via Pascoli",
    "Via dei Mille",
    "Via Umberto I",
    "Via San Francesco",
    "Via Cadorna",
    "Via della Libertà",
    "Via Kennedy",
    "Viale Italia",
    "Viale delle Rimembranze",
    "Corso Adda",
    "Piazza della Vittoria",
    "Piazza del Municipio",
    "Piazza Roma",
    "Piazza San Giovanni",
    "Piazza della Libertà",
)
# Postal codes: the main towns' own; elsewhere an invented but plausible 268xx.
POSTAL_CODES = {
    "Lodi": "26900",
    "Codogno": "26845",
    "Casalpusterlengo": "26841",
    "Sant'Angelo Lodigiano": "26866",
    "Zelo Buon Persico": "26839",
    "Caselle Lurani": "26853",
    "Terranova dei Passerini": "26827",
}
EXTRA_LANGUAGES = ("en", "fr", "es", "ar", "ro", "sq", "uk", "ur", "pa", "zh", "wo")
LANGUAGE_ORDER = ("it", *EXTRA_LANGUAGES)
PHONE_NOTES = (None, None, "Centralino", "Segreteria", "Sportello")
TEXT_ONLY = "Solo messaggi (SMS o WhatsApp)"
MAILBOXES = ("info", "sportello", "segreteria", "accoglienza")
ALWAYS = "Attivo 24 ore su 24, tutti i giorni"


def _t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


def _slots(days: Sequence[int], opens: dt.time, closes: dt.time) -> list[tuple[int, dt.time, dt.time]]:
    return [(day, opens, closes) for day in days]


def _office(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    opens, closes = rng.choice(((_t(9), _t(12, 30)), (_t(8, 30), _t(12)), (_t(9), _t(13))))
    slots = _slots(range(1, 6), opens, closes)
    afternoons = rng.sample(range(1, 6), rng.choice((0, 1, 2)))
    return slots + _slots(afternoons, _t(14), _t(16, 30))


def _split(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    days = rng.sample(range(1, 6), 4)
    return _slots(days[:2], _t(9), _t(12)) + _slots(days[2:], _t(14, 30), _t(17, 30))


def _few(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    start = rng.choice((9, 10, 15, 16))
    return _slots(rng.sample(range(1, 7), rng.choice((1, 2))), _t(start), _t(start + rng.choice((2, 3))))


def _few_mornings(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    return _slots(rng.sample(range(1, 6), rng.choice((1, 2))), _t(9, 30), _t(11, 30))


def _meals(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    return _slots(range(1, rng.choice((7, 8))), _t(11, 45), _t(13, 30))


# Weekly hours, in the shapes services keep them: some closed days, split mornings and
# afternoons, evening and night services, and around the clock (00:00-23:59 every day).
_HOURS: dict[str, Callable[[random.Random], list[tuple[int, dt.time, dt.time]]]] = {
    "office": _office,
    "split": _split,
    "few": _few,
    "few_mornings": _few_mornings,
    "meals": _meals,
    "evening_meals": lambda rng: _slots(range(1, 7), _t(19), _t(20, 30)),
    "night": lambda rng: _slots(range(1, 8), _t(6, 30), _t(8)) + _slots(range(1, 8), _t(20), _t(23, 30)),
    "always": lambda rng: _slots(range(1, 8), _t(0), _t(23, 59)),
    "weekdays_long": lambda rng: _slots(range(1, 6), _t(9), _t(17)),
    "afternoons": lambda rng: _slots(range(1, 5), _t(14, 30), _t(18, 30)) + _slots((2, 4), _t(19), _t(21)),
    "afternoons_saturday": lambda rng: _slots(range(1, 6), _t(14), _t(18, 30)) + _slots((6,), _t(9), _t(12, 30)),
    "youth_afternoons": lambda rng: _slots(range(2, 7), _t(15), _t(19)),
    "one_evening": lambda rng: _slots((rng.randint(1, 5),), _t(20, 30), _t(22, 30)),
    "one_afternoon": lambda rng: _slots((rng.randint(1, 5),), _t(14), _t(18)),
    "evenings": lambda rng: _slots(sorted(rng.sample(range(1, 7), 3)), _t(20), _t(23)),
    "appointment": lambda rng: [],  # by appointment only: no weekly hours
}


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def _landline(rng: random.Random, place: gazetteer.Municipality) -> str:
    # 0377 is the Codogno district's area code (the south-east), 0371 the rest's. The
    # subscriber part starts with 0, which Italian geographic numbers normally do not.
    area = "0377" if place.latitude < 45.235 and place.longitude > 9.53 else "0371"
    return f"+39 {area} 0{_digits(rng, 2)} {_digits(rng, 3)}"


def _mobile(rng: random.Random) -> str:
    return f"+39 3{_digits(rng, 2)} 000 0{_digits(rng, 3)}"  # "000 0" marks it as invented


def _phones(kind: _Kind, rng: random.Random, place: gazetteer.Municipality) -> list[dict[str, Any]]:
    if kind.phones == "hotline":
        return [
            {"number": f"+39 800 0{_digits(rng, 2)} {_digits(rng, 3)}", "kind": "hotline", "description": ALWAYS},
            {"number": _landline(rng, place), "kind": "voice", "description": "Segreteria"},
        ]
    if kind.phones == "text":
        return [{"number": _mobile(rng), "kind": "text", "description": TEXT_ONLY}]
    if kind.phones == "mobile":
        return [{"number": _mobile(rng), "kind": "voice", "description": None}]
    if rng.random() < 0.06:
        return []  # some offices only take people at the door
    phones = [{"number": _landline(rng, place), "kind": "voice", "description": rng.choice(PHONE_NOTES)}]
    if rng.random() < 0.25:
        phones.append({"number": _mobile(rng), "kind": "text", "description": TEXT_ONLY})
    return phones


def _languages(kind: _Kind, rng: random.Random) -> list[str]:
    spoken = {"it", *kind.languages}
    if rng.random() < 0.3:
        spoken.add(rng.choice(EXTRA_LANGUAGES))
    return [code for code in LANGUAGE_ORDER if code in spoken]


class _Deck:
    """Cards dealt in a shuffled order, reshuffled when used up: exact shares in every round."""

    def __init__(self, rng: random.Random, cards: Sequence[Any]) -> None:
        self._rng, self._cards = rng, list(cards)
        self._hand: list[Any] = []

    def deal(self) -> Any:
        if not self._hand:
            self._hand = self._cards[:]
            self._rng.shuffle(self._hand)
        return self._hand.pop()


def _verified(rng: random.Random, state: str) -> dt.date | None:
    if state == "never":
        return None
    days = rng.randint(400, 1100) if state == "stale" else rng.randint(3, 330)
    return VERIFIED_AS_OF - dt.timedelta(days=days)


def _hsds_id(*parts: object) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, "/".join(str(part) for part in parts)))


def resources(count: int, seed: int = 2) -> Iterator[dict[str, Any]]:
    """Field dictionaries of `count` fictional services in the municipalities of the Lodi area.

    Every municipality appears once in each round of about 110 services, the larger towns
    several times (Lodi most); district services (SerD, job centre, anti-violence centre...)
    only in the four larger towns. All 16 categories occur, the first eleven most. Each
    service sits a few hundred metres from its municipality's seat (a refuge has no public
    address at all). Beyond the kinds a municipality can hold, a repeated service is
    numbered ("sede 2").

    Everything but the municipalities is fictional: organisations, addresses (a real
    street name may not exist in that town), postal codes outside the main towns, mail
    and web addresses (on example.org, reserved for examples) and phone numbers, made in
    patterns meant to look invented: landlines +39 0371/0377 0xx xxx (Italian geographic
    subscriber numbers normally do not start with 0), mobiles +39 3xx 000 0xxx, freephone
    +39 800 0xx xxx.
    None was checked to be unassigned: never dial one.

    `last_verified_on` is an absolute date chosen against VERIFIED_AS_OF (2026-11-23): in
    every 25 services 3 were verified more than 12 months before it and 1 never, so about
    16 % count as stale then, and more as time passes, the output itself never changing.
    The `hsds_*` ids are uuid5 of stable text (seed and position; the organisation's name),
    so an HSDS export and import of the demo round-trips with the same ids.
    """
    rng = random.Random(seed)
    places = gazetteer.municipalities()
    towns = _Deck(rng, [place for place in places for _ in range(_share(place.name))])
    checks = _Deck(rng, ["stale"] * 3 + ["never"] + ["fresh"] * 21)
    used: set[tuple[str, str]] = set()  # (kind, municipality) of the `once` kinds already placed
    seen: dict[tuple[str, str], int] = {}  # (service, municipality) -> times placed
    for number in range(count):
        place = towns.deal()
        town = place.name
        choices = [
            kind for kind in KINDS if (not kind.towns_only or town in TOWN_SHARE) and (kind.name, town) not in used
        ]
        kind = rng.choices(choices, weights=[kind.weight for kind in choices])[0]
        if kind.once:
            used.add((kind.name, town))
        name = kind.name.format(town=town)
        repeat = seen[(name, town)] = seen.get((name, town), 0) + 1
        if repeat > 1:
            name = f"{name} – sede {repeat}"
        organization = kind.organization.format(town=town)
        domain = f"{_slug(organization)}.example.org"
        hours = sorted(_HOURS[kind.hours](rng))
        yield {
            "organization_name": organization,
            "service_name": name,
            "description": kind.description.format(town=town),
            "location": {
                "name": kind.place,
                "address_1": None if kind.hidden else f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                "postal_code": None if kind.hidden else POSTAL_CODES.get(town, f"268{rng.randint(10, 69)}"),
                "municipality": town,
                "region": "Lombardia",
                "country": "IT",
                "latitude": None if kind.hidden else round(place.latitude + rng.uniform(-0.003, 0.003), 5),
                "longitude": None if kind.hidden else round(place.longitude + rng.uniform(-0.004, 0.004), 5),
            },
            "categories": list(kind.categories),
            "keywords": list(kind.keywords),
            "phones": _phones(kind, rng, place),
            "email": f"{rng.choice(MAILBOXES)}@{domain}" if rng.random() < 0.7 else None,
            "url": f"https://{domain}/{_slug(name)}" if rng.random() < 0.5 else None,
            "opening_hours": [{"weekday": day, "opens_at": opens, "closes_at": closes} for day, opens, closes in hours],
            "eligibility": kind.eligibility.format(town=town),
            "languages": _languages(kind, rng),
            "last_verified_on": _verified(rng, checks.deal()),
            "hsds_organization_id": _hsds_id("organization", organization),
            "hsds_service_id": _hsds_id("service", seed, number),
            "hsds_location_id": _hsds_id("location", seed, number),
        }


def appointments(
    count: int, contact_ids: list[uuid.UUID], operator_id: uuid.UUID, seed: int = 3
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    for _ in range(count):
        start = base + dt.timedelta(days=rng.randint(0, 700), minutes=30 * rng.randint(0, 20))
        yield {
            "contact_ids": [rng.choice(contact_ids)],
            "operator_id": operator_id,
            "starts_at": start,
            "ends_at": start + dt.timedelta(minutes=rng.choice((30, 45, 60))),
            "time_zone": rng.choice(("Europe/Rome", "Europe/Helsinki")),
            "place_kind": rng.choice(("office", "home_visit", "outreach", "phone", "video")),
            "status": rng.choice(("requested", "confirmed", "done", "no_show", "cancelled")),
            "topic": rng.choice(("colloquio", "casa", "lavoro", "salute", "tapaaminen")),
        }


def upcoming_appointments(
    contact_ids: list[uuid.UUID], operator_id: uuid.UUID, start: dt.datetime, days: int = 14, seed: int = 4
) -> Iterator[dict[str, Any]]:
    """Two to four appointments on each working day from `start` (an aware datetime),
    so a demo's Today and Calendar screens have something to show."""
    rng = random.Random(seed)
    first = start.replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(-2, days):
        date = first + dt.timedelta(days=day)
        if date.isoweekday() > 5:
            continue
        for hour in sorted(rng.sample((9, 10, 11, 14, 15, 16), rng.randint(2, 4))):
            starts = date.replace(hour=hour, minute=rng.choice((0, 30)))
            yield {
                "contact_ids": [rng.choice(contact_ids)],
                "operator_id": operator_id,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=rng.choice((30, 45, 60))),
                "time_zone": "Europe/Rome",
                "place_kind": rng.choice(("office", "home_visit", "outreach", "phone")),
                "status": "done" if day < 0 else rng.choice(("requested", "confirmed", "confirmed")),
                "topic": rng.choice(("colloquio", "casa", "lavoro", "salute", "documenti")),
                "reminder_minutes_before": 15,
            }


def intake_submissions(count: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """What people type into the public help desk: an alias, how to reach them, a topic."""
    rng = random.Random(seed)
    topics = (
        "Vorrei parlare con qualcuno",
        "Cerco un posto per dormire",
        "Haluaisin ajan",
        "Need help with documents",
        "Problemi con l'alcol, vorrei un appuntamento",
    )
    for index in range(count):
        channel = rng.choice(("phone", "email", "none"))
        yield {
            "kind": rng.choice(("first_contact", "booking")),
            "alias": rng.choice(ALIASES) + (f" {index + 1}" if index >= len(ALIASES) else ""),
            "contact_channel": channel,
            "contact_detail": _phone(rng)
            if channel == "phone"
            else f"utente{index}@example.org"
            if channel == "email"
            else None,
            "preferred_times": rng.choice(("mattina", "dopo le 17", "aamupäivä", None)),
            "topic": rng.choice(topics),
            "language": rng.choice(("it", "fi", "en")),
            "consent_to_contact": channel != "none",
        }


# Where or how each way of meeting happens, as the status page tells it once the team confirms.
SLOT_PLACES = {
    "in_person": "Via Cavour 12, Lodi: secondo piano, suonare «Servizio»",
    "phone": "Vi chiamiamo al numero che ci lasciate / We call the number you leave us",
    "video": "Il link arriva nel messaggio del servizio / The link comes in the team's message",
}


def bookable_slots(start: dt.datetime, days: int = 21, seed: int = 6) -> Iterator[dict[str, Any]]:
    """Two or three times a team offers at the help desk on each working day from the day after
    `start` (an aware datetime) for `days` days, in person, by phone or by video, so a person
    trying the demo can book one. Without team_id (the caller adds it)."""
    rng = random.Random(seed)
    first = start.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(1, days + 1):
        date = first + dt.timedelta(days=day)
        if date.isoweekday() > 5:
            continue
        for hour in sorted(rng.sample((8, 9, 10, 12, 13, 14), rng.randint(2, 3))):
            starts = date.replace(hour=hour, minute=rng.choice((0, 30)))
            mode = rng.choice(("in_person", "in_person", "phone", "video"))
            yield {
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=45),
                "time_zone": "Europe/Rome",
                "mode": mode,
                "place": SLOT_PLACES[mode],
            }
