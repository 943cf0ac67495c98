"""The CoC's reference data: agencies, their projects (every HUD project type), funders, CoC
records, inventory, HMIS/CE participation and the staff (HUD User.csv) who enter records.

These tables are small (hundreds of rows even for a million clients), so they go through the ORM's
bulk_create; the generator keeps a light description of each project to place households.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from hearth.accounts.models import HudUser
from hearth.core.demo.names import FIRST_FEMALE, FIRST_MALE, SURNAMES
from hearth.core.demo.writer import BulkWriter
from hearth.hud.models import DataSource
from hearth.projects.models import (
    CEParticipation,
    Funder,
    HMISParticipation,
    Inventory,
    Organization,
    Project,
    ProjectCoC,
)

COC_CODE = "CA-600"
LA_GEOCODE = "069037"

NEIGHBORHOODS = """Boyle Heights|Skid Row|Westlake|Koreatown|Hollywood|Venice|Watts|Wilmington|San Pedro|
Van Nuys|North Hollywood|Sylmar|Pacoima|Canoga Park|Reseda|Highland Park|Echo Park|Silver Lake|
Lincoln Heights|El Sereno|Pico-Union|Crenshaw|Leimert Park|Inglewood|Compton|Lynwood|South Gate|
Huntington Park|East Los Angeles|Whittier|El Monte|Pomona|Lancaster|Palmdale|Santa Clarita|Hawthorne|
Gardena|Torrance|Carson|Harbor City|Mid-City|Westchester|Palms|Sawtelle|Chinatown|Little Tokyo|
Arts District|MacArthur Park|Exposition Park|Vermont Square|Florence|Green Meadows|Sun Valley|
Tujunga|Panorama City|Arleta|Northridge|Chatsworth|Eagle Rock|Glassell Park|Cypress Park|Montecito Heights
""".replace("\n", "").split("|")

AGENCY_KINDS = [
    "Community Services", "Housing Partners", "Family Shelter", "Outreach Collective", "Rescue Mission",
    "Youth Center", "Hope Center", "Neighbors Alliance", "Homeward Project", "Care Network",
    "Open Door", "Bridge Housing", "Casa de Esperanza", "Veterans Home Front", "Recovery House",
    "Health Partners", "Family Services", "Interfaith Coalition", "Housing Corporation", "Day Center",
]  # fmt: skip

# HUD ProjectType: (name pattern, share of projects, residential?, serves families?)
TYPE_NAMES = {
    0: ("Interim Housing", 16, True),
    1: ("Night Shelter", 6, True),
    2: ("Transitional Living", 9, True),
    3: ("Permanent Supportive Housing", 10, True),
    4: ("Street Outreach", 12, False),
    6: ("Supportive Services", 8, False),
    7: ("Community Program", 3, False),
    8: ("Safe Haven", 2, True),
    9: ("Housing Vouchers", 3, True),
    10: ("Affordable Apartments", 3, True),
    11: ("Day Center", 4, False),
    12: ("Homelessness Prevention", 7, False),
    13: ("Rapid Re-Housing", 12, True),
    14: ("Coordinated Entry Access Point", 5, False),
}

# Funders by project type; the third element marks youth (RHY) and veteran funding.
FUNDERS = {
    0: [(8, ""), (46, ""), (22, "youth"), (37, "vet")],
    1: [(8, ""), (46, "")],
    2: [(5, ""), (24, "youth"), (41, "vet"), (46, "")],
    3: [(2, ""), (2, ""), (43, "youth")],
    4: [(11, ""), (21, ""), (25, "youth"), (46, "")],
    6: [(4, ""), (21, ""), (45, "vet")],
    7: [(46, "")],
    8: [(6, ""), (30, "vet")],
    9: [(20, "vet"), (36, ""), (52, "")],
    10: [(46, ""), (50, "")],
    11: [(46, "")],
    12: [(9, ""), (33, "vet"), (46, "")],
    13: [(3, ""), (10, ""), (33, "vet"), (43, "youth")],
    14: [(46, ""), (4, "")],
}

ZIPS = ["90001", "90002", "90003", "90011", "90012", "90013", "90014", "90015", "90017", "90021",
        "90026", "90028", "90031", "90032", "90033", "90037", "90042", "90044", "90057", "90059",
        "90061", "90063", "90065", "90291", "90401", "90502", "90710", "90731", "90744", "91331",
        "91342", "91401", "91402", "91405", "91406", "91601", "91605", "93534", "93550"]  # fmt: skip


@dataclass
class DemoProject:
    pk: int
    hud_id: str
    organization_id: int
    project_type: int
    rrh_sub_type: int | None
    families: bool  # has beds/units for households with children (or serves everyone)
    singles: bool
    focus: str  # "", "youth" or "vet"
    staff: list[str] = field(default_factory=list)  # HUD UserIDs of the agency's staff


@dataclass
class Reference:
    organizations: list[Organization]
    projects: list[DemoProject]
    users: list[HudUser]


def _agency_count(clients: int) -> int:
    return max(12, min(160, round(clients / 6000)))


def _keyed(writer: BulkWriter, objs: list, batch: int = 500) -> None:
    """Give ``objs`` the next primary keys (their HUD identifier is the key as text) and write them."""
    if not objs:
        return
    model = type(objs[0])
    first = writer.reserve(model, len(objs))
    for n, obj in enumerate(objs):
        obj.pk = first + n
        obj.hud_id = str(first + n)
    writer.touched.add(model)
    writer.rows_written[model._meta.db_table] = writer.rows_written.get(model._meta.db_table, 0) + len(objs)
    model.objects.bulk_create(objs, batch_size=batch)


def build_reference(
    rng: random.Random,
    writer: BulkWriter,
    *,
    clients: int,
    source: DataSource,
    today: dt.date,
    stamp: dt.datetime,
) -> Reference:
    count = _agency_count(clients)
    combos = [(n, k) for n in NEIGHBORHOODS for k in AGENCY_KINDS]
    rng.shuffle(combos)
    bookkeeping = {"data_source": source, "date_created": stamp, "date_updated": stamp}

    orgs = [
        Organization(
            organization_name=f"{hood} {kind}",
            organization_common_name=kind,
            victim_service_provider=0,
            hud_user_id="",
            **bookkeeping,
        )
        for hood, kind in combos[:count]
    ]
    # Staff first: every record names the HUD user who entered it.
    users: list[HudUser] = []
    user_org: list[int] = []
    for i, org in enumerate(orgs):
        for _ in range(rng.randint(3, 8)):
            group = rng.choice(["hispanic", "black", "white", "asian", "armenian"])
            first = rng.choice((FIRST_FEMALE if rng.random() < 0.6 else FIRST_MALE)[group])
            last = rng.choice(SURNAMES[group])
            domain = "".join(ch for ch in org.organization_name.lower() if ch.isalpha())[:20]
            users.append(
                HudUser(
                    user_first_name=first,
                    user_last_name=last,
                    user_email=f"{_ascii(first)}.{_ascii(last)}@{domain}.example.org".lower(),
                    data_source=source,
                    date_created=stamp,
                    date_updated=stamp,
                )
            )
            user_org.append(i)
    _keyed(writer, users)
    staff_of: dict[int, list[str]] = {i: [] for i in range(count)}
    for user, i in zip(users, user_org, strict=True):
        staff_of[i].append(user.hud_id)
    for i, org in enumerate(orgs):
        org.hud_user_id = staff_of[i][0]
    _keyed(writer, orgs)

    # Every project type at least once (RRH in both sub-types), then a weighted mix.
    specs: list[tuple[int, int | None]] = [(t, None) for t in TYPE_NAMES if t != 13] + [(13, 1), (13, 2)]
    types, weights = zip(*((t, w) for t, (_, w, _) in TYPE_NAMES.items()), strict=True)
    for _ in range(max(0, round(count * 3.2) - len(specs))):
        t = rng.choices(types, weights)[0]
        specs.append((t, (1 if rng.random() < 0.25 else 2) if t == 13 else None))
    rng.shuffle(specs)

    projects: list[Project] = []
    extras: list[tuple[int, int | None, str, bool, bool]] = []
    used_names: set[str] = set()
    for n, (ptype, sub) in enumerate(specs):
        org_index = n % count if n < count else rng.randrange(count)
        org = orgs[org_index]
        funder, focus = rng.choice(FUNDERS[ptype])
        hood = combos[org_index][0] if rng.random() < 0.3 else rng.choice(NEIGHBORHOODS)
        base = TYPE_NAMES[ptype][0]
        if ptype == 13:
            base = "Rapid Re-Housing Services" if sub == 1 else "Rapid Re-Housing"
        if focus == "youth":
            base = f"Youth {base}"
        elif focus == "vet":
            base = f"Veterans {base}"
        name = f"{hood} {base}"
        k = 2
        while name in used_names:
            name, k = f"{hood} {base} {k}", k + 1
        used_names.add(name)
        residential = TYPE_NAMES[ptype][2] and not (ptype == 13 and sub == 1)
        families = not residential or focus == "vet" or rng.random() < 0.45
        singles = not residential or not families or rng.random() < 0.6
        start = today - dt.timedelta(days=rng.randint(8 * 365, 25 * 365))
        projects.append(
            Project(
                organization=org,
                project_name=name,
                operating_start_date=start,
                continuum_project=0 if ptype in (7, 11) and rng.random() < 0.5 else 1,
                project_type=ptype,
                rrh_sub_type=sub,
                housing_type=rng.choice([1, 2, 3]) if residential else None,
                target_population=4,
                hud_user_id=staff_of[org_index][0],
                **bookkeeping,
            )
        )
        extras.append((funder, sub, focus, families, singles))
    _keyed(writer, projects)

    coc_rows, funder_rows, inventory_rows, hmis_rows, ce_rows = [], [], [], [], []
    demo_projects = []
    org_index_of = {org.pk: i for i, org in enumerate(orgs)}
    for project, (funder, sub, focus, families, singles) in zip(projects, extras, strict=True):
        common = {**bookkeeping, "project": project, "hud_user_id": project.hud_user_id}
        start = project.operating_start_date
        coc_rows.append(
            ProjectCoC(
                coc_code=COC_CODE,
                geocode=LA_GEOCODE,
                address1=f"{rng.randint(100, 9999)} {rng.choice(['W', 'E', 'S', 'N'])} "
                f"{rng.choice(['Main', 'Broadway', 'Figueroa', 'Vermont', 'Western', 'Sunset', 'Cesar Chavez', 'Alameda', 'Olympic', 'Pico'])} "
                f"{rng.choice(['St', 'Ave', 'Blvd'])}",
                city="Los Angeles",
                state="CA",
                zip=rng.choice(ZIPS),
                geography_type=1,
                **common,
            )
        )
        funder_rows.append(
            Funder(
                funder=funder,
                grant_id=f"CA{rng.randint(1000, 9999)}L9D{rng.randint(10, 99)}",
                start_date=start,
                **common,
            )
        )
        hmis_rows.append(
            HMISParticipation(hmis_participation_type=1, hmis_participation_status_start_date=start, **common)
        )
        if project.project_type == 14 or rng.random() < 0.1:
            ce_rows.append(
                CEParticipation(
                    access_point=1 if project.project_type == 14 else 0,
                    receives_referrals=0 if project.project_type == 14 else 1,
                    ce_participation_status_start_date=max(start, today - dt.timedelta(days=6 * 365)),
                    crisis_assessment=1 if project.project_type == 14 else None,
                    housing_assessment=1 if project.project_type == 14 else None,
                    **common,
                )
            )
        residential = TYPE_NAMES[project.project_type][2] and not (project.project_type == 13 and sub == 1)
        if residential:
            for household_type, wanted in ((1, singles), (3, families)):
                if not wanted:
                    continue
                units = rng.randint(8, 120)
                beds = units if household_type == 1 else units * rng.randint(3, 4)
                inventory_rows.append(
                    Inventory(
                        coc_code=COC_CODE,
                        household_type=household_type,
                        availability=_availability(rng, project.project_type),
                        es_bed_type=1 if project.project_type in (0, 1) else None,
                        unit_inventory=units,
                        bed_inventory=beds,
                        ch_bed_inventory=beds // 2 if project.project_type == 3 else None,
                        vet_bed_inventory=beds if focus == "vet" else None,
                        youth_bed_inventory=beds if focus == "youth" else None,
                        inventory_start_date=start,
                        **common,
                    )
                )
        demo_projects.append(
            DemoProject(
                pk=project.pk,
                hud_id=project.hud_id,
                organization_id=project.organization_id,
                project_type=project.project_type,  # type: ignore[arg-type]
                rrh_sub_type=sub,
                families=families,
                singles=singles,
                focus=focus,
                staff=staff_of[org_index_of[project.organization_id]],
            )
        )
    for rows in (coc_rows, funder_rows, inventory_rows, hmis_rows, ce_rows):
        _keyed(writer, rows)
    return Reference(organizations=orgs, projects=demo_projects, users=users)


def _availability(rng: random.Random, project_type: int) -> int | None:
    if project_type == 1:
        return 2 if rng.random() < 0.4 else 1  # winter shelters are seasonal
    return 1 if project_type == 0 else None


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalpha())
