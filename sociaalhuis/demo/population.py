"""The make-up of the synthetic Herent population: streets, names, household shapes and shares.

Weights are rough shares for a Flemish municipality of Herent's size; every name and street
combination is invented for demo use.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

# The facts the demo fills in, by key: (about, kind, choices). To be aligned with the rights
# catalog's fact dictionary (a test checks it); "about" is "household" or "person".
FACT_KEYS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "lives_in_herent": ("household", "bool", ()),
    "household_income": ("household", "money", ()),
    "tenure": ("household", "choice", ("owner", "private_rent", "social_rent", "other")),
    "monthly_rent": ("household", "money", ()),
    "heating_fuel": ("household", "choice", ("natural_gas", "electricity", "heating_oil", "other")),
    "payment_difficulties": ("household", "bool", ()),
    "leefloon": ("person", "bool", ()),
    "verhoogde_tegemoetkoming": ("person", "bool", ()),
    "disability_recognised": ("person", "bool", ()),
    "employment_status": (
        "person",
        "choice",
        ("employed", "unemployed", "sick_or_invalid", "retired", "student", "other"),
    ),
}

POSTCODE = "3020"

T = TypeVar("T")


def choice(rng: random.Random, items: Sequence[T]) -> T:
    """One item, uniformly; cheaper than `Random.choice`."""
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """A fixed weighted choice; one `random()` call per pick, cheaper than `Random.choices`."""

    def __init__(self, weights: dict[T, float]) -> None:
        self.values = tuple(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect_right(self.cumulative, rng.random() * self.total)]


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


# Street names that sound like Herent's, by deelgemeente (some are real, none is checked).
STREETS: dict[str, tuple[str, ...]] = {
    "Herent": _names(
        "Wijgmaalsesteenweg, Kerkstraat, Molenstraat, Ellestraat, Wilselsesteenweg, "
        "Mechelsesteenweg, Lipsestraat, Vlasstraat, Stationsstraat, Pastorijstraat, "
        "Schoolstraat, Bergstraat, Beekstraat, Kouterstraat, Sint-Jozefsstraat, "
        "Lindenlaan, Kastanjelaan, Heidestraat, Processiestraat, Ridder Dessainstraat"
    ),
    "Veltem-Beisem": _names(
        "Brusselsesteenweg, Lodewijk van Veltemstraat, Bovenbergstraat, Dorpstraat, Oude "
        "Baan, Beisemstraat, Kapelstraat, Veldstraat, Schoonzichtlaan, Meerstraat, "
        "Sint-Laurentiusstraat, Weggevoerdenstraat"
    ),
    "Winksele": _names(
        "Winkselsesteenweg, Delle, Kampenhoutsebaan, Dorpstraat, Bosstraat, Kruisstraat, "
        "Langestraat, Sint-Antoniusstraat, Vinkenlaan, Bijenstraat, Warotstraat, "
        "Zavelstraat"
    ),
}
DEELGEMEENTE_SHARES = Weighted({"Herent": 55, "Veltem-Beisem": 25, "Winksele": 20})


@dataclass(frozen=True)
class Origin:
    """Where a family's names come from: family names (male, female form), given names by
    generation (born before year, men, women) and the languages they speak at the desk."""

    families: tuple[tuple[str, str], ...]
    eras: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]
    languages: Weighted[str]
    without_number: float

    def given(self, rng: random.Random, male: bool, year: int) -> str:
        for before, men, women in self.eras:
            if year < before:
                return choice(rng, men if male else women)
        raise AssertionError("the last era has no upper bound")


def _origin(
    families: str,
    men: str,
    women: str,
    languages: dict[str, float],
    without_number: float = 0.03,
) -> Origin:
    """An origin from comma-separated names; "Kowalski/Kowalska" gives a female form."""
    pairs = []
    for name in families.split(","):
        male, _, female = name.strip().partition("/")
        pairs.append((male, female or male))
    era = (9999, _names(men), _names(women))
    return Origin(tuple(pairs), (era,), Weighted(languages), without_number)


FLEMISH = Origin(
    families=tuple(
        (name, name)
        for name in _names(
            "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
            "De Smet, Vermeulen, Van den Broeck, Hermans, Michiels, Lambrechts, Aerts, "
            "Van Damme, Wuyts, De Cock, Coppens, Verstraeten, Leemans, Smets, Vos, Stevens, "
            "Claessens, Pauwels, Verbeke, Martens, Van de Velde, Hendrickx, Bogaerts, Cools, "
            "Daems, Geerts, Laenen, Luyten, Nijs, Thys, Timmermans, Van Roy, Verhaegen, "
            "Verlinden, Vranckx, Swinnen, Vanhoof, Vandenbosch, Vanderlinden, Dewit, Cuypers, "
            "Schoofs, Verbiest, Meulemans, Van Dessel, Vanderstraeten, Lemmens, Heylen, "
            "Wellens, Gijbels, Boon, Vervoort, Dierickx, De Becker, Craps, Pieters, Van Herck, "
            "Sels, Moens, Coenen, Bosmans, Rombouts, Huybrechts, Van Aerschot, Wauters, "
            "Stroobants, Vanhaelen, Vandeputte, Van Kerckhoven"
        )
    ),
    eras=(
        (
            1960,
            _names(
                "Jozef, Frans, Marcel, Roger, Willy, Georges, Albert, André, Gustaaf, Jan, "
                "Louis, Raymond, Hubert, Emiel, Karel, Lucien, René"
            ),
            _names(
                "Maria, Paula, Godelieve, Jeanine, Rita, Lea, Simonne, Josée, Agnes, "
                "Germaine, Irma, Denise, Julia, Mariette, Rosa, Yvonne, Liliane"
            ),
        ),
        (
            1995,
            _names(
                "Jan, Kristof, Bart, Tom, Peter, Wim, Koen, Dirk, Steven, Pieter, Geert, "
                "Joris, Wouter, Stijn, Jeroen, Filip, Luc, Patrick, Johan"
            ),
            _names(
                "Els, Sofie, An, Katrien, Veerle, Inge, Hilde, Nathalie, Griet, Karen, "
                "Liesbeth, Leen, Evelien, Annelies, Sarah, Kristien, Ann, Marleen, Ilse"
            ),
        ),
        (
            9999,
            _names(
                "Lucas, Noah, Liam, Arthur, Jules, Finn, Lars, Victor, Warre, Mats, Louis, "
                "Vic, Seppe, Wout, Nand, Stan, Robbe, Thibo, Lowie, Jens"
            ),
            _names(
                "Emma, Olivia, Louise, Marie, Mila, Elena, Nora, Ella, Lotte, Fien, Lore, "
                "Julie, Noor, Lina, Hanne, Ine, Febe, Jana, Lien, Zoë"
            ),
        ),
    ),
    languages=Weighted({"nl": 98, "fr": 1, "en": 1}),
    without_number=0.003,
)

# Weights are shares of households among clients of the Sociaal Huis; scripts other than
# Latin are rare at the desk but must work everywhere (search, letters, sorting).
ORIGINS = Weighted(
    {
        FLEMISH: 70,
        _origin(
            "Dubois, Lambert, Dupont, Martin, Leclercq, Simon, Laurent, Lejeune, Renard, "
            "Gérard, François, Lemaire",
            "Jean-Pierre, Michel, Philippe, Pierre, Nicolas, Théo, Julien, Benoît, Hugo",
            "Hélène, Françoise, Chantal, Isabelle, Céline, Amélie, Chloé, Léa, Manon",
            {"fr": 75, "nl": 25},
            0.005,
        ): 5,
        _origin(
            "El Amrani, Benali, El Idrissi, Bouzid, Ait Ouali, El Khattabi, Azzouzi, "
            "Boukhari, Chakir, Belhadj, Ouahbi, Amrani",
            "Mohamed, Ahmed, Youssef, Mustafa, Karim, Said, Bilal, Ayoub, Adam, Rayan, Imran",
            "Fatima, Khadija, Nadia, Samira, Amina, Malika, Yasmina, Salma, Sara, Lina, Aya",
            {"nl": 60, "fr": 30, "other": 10},
            0.01,
        ): 7,
        _origin(
            "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Arslan, Doğan, Koç",
            "Mehmet, Mustafa, Ahmet, Emre, Murat, Hakan, Yusuf, Efe, Burak",
            "Ayşe, Fatma, Elif, Zeynep, Emine, Hatice, Esra, Merve, Defne",
            {"nl": 70, "other": 25, "fr": 5},
            0.01,
        ): 4,
        _origin(
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska, "
            "Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska",
            "Piotr, Krzysztof, Tomasz, Paweł, Michał, Jakub, Łukasz",
            "Anna, Katarzyna, Małgorzata, Agnieszka, Joanna, Zofia, Magdalena",
            {"other": 50, "nl": 30, "en": 20},
        ): 3,
        _origin(
            "Popescu, Ionescu, Popa, Dumitru, Ivanov/Ivanova, Petrov/Petrova, "
            "Dimitrov/Dimitrova, Stoica",
            "Andrei, Ion, Mihai, Alexandru, Georgi, Nikolai, Florin",
            "Maria, Elena, Ioana, Andreea, Mariya, Desislava, Gabriela",
            {"other": 50, "nl": 30, "en": 20},
            0.05,
        ): 2,
        _origin(
            "Mbuyi, Kabongo, Tshibangu, Mukendi, Lukusa, Ilunga, Kalonji, Mutombo, Nkulu, Ngoy",
            "Jean-Claude, Patrick, Christian, Junior, Emmanuel, Glody, Serge",
            "Grâce, Esther, Rachel, Divine, Merveille, Josiane, Nathalie",
            {"fr": 70, "nl": 25, "other": 5},
        ): 3,
        _origin(
            "Al-Hassan, Haddad, Khalil, Al-Ahmad, Ahmadi, Hosseini, Rahimi, Karimi, Saleh, Nasser",
            "Omar, Ali, Hassan, Khaled, Ahmad, Mohammad, Hamid, Yusuf, Mahmoud",
            "Rania, Layla, Mariam, Huda, Zahra, Fatemeh, Noor, Hiba, Rasha",
            {"other": 55, "nl": 30, "en": 15},
            0.08,
        ): 3,
        _origin(
            "Tesfaye, Haile, Berhane, Gebremedhin, Tekle, Abdi, Warsame, Ghebreyesus",
            "Yonas, Dawit, Samuel, Abdullahi, Mehari, Filmon",
            "Selam, Hiwet, Saba, Hodan, Luwam, Senait",
            {"other": 60, "en": 25, "nl": 15},
            0.1,
        ): 1.5,
        _origin(
            "Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ",
            "Minh, Tuấn, Dũng, Hùng, Quang",
            "Lan, Hương, Mai, Linh, Thảo",
            {"other": 50, "nl": 30, "en": 20},
        ): 0.5,
        _origin(
            "Jovanović, Petrović, Nikolić, Đorđević, Hodžić, Begić, Kovačević",
            "Milan, Dragan, Nikola, Emir, Stefan, Dženan",
            "Jelena, Milica, Ana, Amra, Dragana, Selma",
            {"other": 50, "nl": 35, "en": 10, "de": 5},
        ): 1,
        _origin(
            "Jansen, de Vries, Müller, Schmidt, Smith, Brown, García, Fernández, Rossi, "
            "Russo, Ferreira, Silva",
            "Daan, Lukas, James, Javier, Marco, João, Jürgen",
            "Sanne, Anna, Emily, Lucía, Giulia, Inês, Anja",
            {"nl": 40, "en": 40, "de": 10, "fr": 10},
            0.02,
        ): 2,
        _origin(
            "Ђорђевић, Јовановић, Петровић, Николић",
            "Милан, Никола, Стефан, Драган",
            "Јелена, Милица, Ана, Драгана",
            {"other": 80, "nl": 20},
        ): 0.15,
        _origin(
            "محمد, حسن, العلوي, الخطيب",
            "محمد, أحمد, علي, يوسف",
            "فاطمة, مريم, نور, خديجة",
            {"other": 80, "fr": 10, "nl": 10},
            0.2,
        ): 0.15,
    }
)

SHAPES = Weighted(
    {
        "single": 22,
        "elderly_single": 16,
        "couple": 11,
        "elderly_couple": 9,
        "couple_children": 22,
        "single_parent": 12,
        "other": 8,
    }
)
CHILD_COUNTS = Weighted({1: 38, 2: 40, 3: 16, 4: 5, 5: 1})

EVIDENCE: dict[str, Weighted[str]] = {
    "lives_in_herent": Weighted({"official": 1}),
    "household_income": Weighted({"document": 55, "official": 25, "statement": 20}),
    "tenure": Weighted({"statement": 70, "document": 30}),
    "monthly_rent": Weighted({"document": 60, "statement": 40}),
    "heating_fuel": Weighted({"statement": 95, "document": 5}),
    "payment_difficulties": Weighted({"statement": 90, "document": 10}),
    "leefloon": Weighted({"official": 60, "document": 25, "statement": 15}),
    "verhoogde_tegemoetkoming": Weighted({"official": 70, "document": 20, "statement": 10}),
    "disability_recognised": Weighted({"official": 65, "document": 30, "statement": 5}),
    "employment_status": Weighted({"statement": 70, "document": 20, "official": 10}),
}
STATUS_ELDERLY = Weighted({"retired": 97, "other": 3})
STATUS_NEAR_PENSION = Weighted(
    {"retired": 35, "employed": 35, "sick_or_invalid": 15, "unemployed": 10, "other": 5}
)
STATUS_YOUNG = Weighted({"student": 45, "employed": 30, "unemployed": 15, "other": 10})
STATUS_ADULT = Weighted(
    {"employed": 58, "unemployed": 14, "sick_or_invalid": 13, "other": 10, "student": 5}
)
STATUS_ADULT_CHILD = Weighted({"student": 60, "employed": 25, "unemployed": 15})
# Chance of living on a leefloon (living wage) by employment status, below pension age.
LEEFLOON_CHANCE = {
    "unemployed": 0.40,
    "other": 0.60,
    "student": 0.15,
    "sick_or_invalid": 0.05,
    "employed": 0.03,
    "retired": 0.0,
}
LEEFLOON_OTHERS_MAX = 15_000 * 100  # cents a year the rest of the household may earn
TENURE_LEEFLOON = Weighted({"private_rent": 55, "social_rent": 35, "other": 8, "owner": 2})
TENURE_ELDERLY = Weighted({"owner": 65, "private_rent": 15, "social_rent": 15, "other": 5})
TENURE_LOW_INCOME = Weighted({"owner": 25, "private_rent": 40, "social_rent": 30, "other": 5})
TENURE_OTHER = Weighted({"owner": 60, "private_rent": 30, "social_rent": 7, "other": 3})
FUEL_OWNER = Weighted({"natural_gas": 55, "heating_oil": 25, "electricity": 12, "other": 8})
FUEL_TENANT = Weighted({"natural_gas": 65, "electricity": 25, "heating_oil": 7, "other": 3})
