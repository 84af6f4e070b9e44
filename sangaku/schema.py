"""The database contract: every table, column, key and rule the build enforces.

This module is the single source of truth. The build validates the source files
against it, creates the DuckDB tables from it, and `python -m sangaku docs`
renders it as `docs/data_dictionary.md`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT, INT, BIGINT, DOUBLE, DATE, BOOL = "text", "int", "bigint", "double", "date", "bool"

# Bump when a table or column changes: the app rebuilds a database of another version.
SCHEMA_VERSION = 2

DUCKDB_TYPES = {
    TEXT: "VARCHAR",
    INT: "INTEGER",
    BIGINT: "BIGINT",
    DOUBLE: "DOUBLE",
    DATE: "DATE",
    BOOL: "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    accepted: tuple[str, ...] | None = None
    references: str | None = None  # "table.column"
    default: str | None = None  # used when the column is absent from a source file
    pattern: str | None = None  # regular expression a non-empty value must match


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Tables whose rows are facts carry source_id and is_sample.
    facts: bool = True

    @property
    def all_columns(self) -> tuple[Column, ...]:
        if not self.facts:
            return self.columns
        return self.columns + (
            Column("source_id", TEXT, "The document this row was transcribed from.",
                   required=True, references="sources.source_id"),
            Column("is_sample", BOOL, "True for generated sample rows (badged in the UI).",
                   default="false"),
        )

    def column(self, name: str) -> Column:
        for col in self.all_columns:
            if col.name == name:
                return col
        raise KeyError(name)


DATE_PRECISION = ("day", "month", "year", "fiscal_year", "unknown")

ORG_TYPES = (
    "university", "college", "high_school", "municipality", "financial_institution",
    "support_organisation", "research_institute", "business_association",
    "government_body", "overseas_body", "company", "academic_society", "network",
)

TOKYO_AREAS = ("城東", "城南", "城北", "城西", "都心・副都心", "多摩")

NOTE = Column("note", TEXT, "What the document shows where it is garbled, ambiguous or "
              "interpreted; shown in the UI beside the figure.")


def _c(*args, **kwargs) -> Column:
    return Column(*args, **kwargs)


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "The documents (and reference lists) every fact row points at.",
        (
            _c("source_id", TEXT, "Short stable identifier.", required=True),
            _c("kind", TEXT, "document: one of the seed documents; reference: a public code "
               "list; derived: computed by this project; sample: generated; import: a file "
               "staff imported (kept under data/imports/).", required=True,
               accepted=("document", "reference", "derived", "sample", "import")),
            _c("seed_file", TEXT, "File name of the document in the seed set, if any."),
            _c("title", TEXT, "Title as printed.", required=True),
            _c("title_en", TEXT, "English title (or translation)."),
            _c("author", TEXT, "Author as printed."),
            _c("publisher", TEXT, "Publisher as printed.", required=True),
            _c("publisher_en", TEXT, "Publisher in English."),
            _c("published_on", DATE, "Date of issue (first day of the period when only "
               "a month or year is known)."),
            _c("date_precision", TEXT, "How much of published_on the document gives.",
               required=True, accepted=DATE_PRECISION),
            _c("language", TEXT, "Language of the document.", required=True,
               accepted=("ja", "en")),
            _c("url", TEXT, "Where the document was published, if printed in it."),
            NOTE,
        ),
        key=("source_id",),
        facts=False,
    ),
    Table(
        "prefectures",
        "The 47 prefectures with their JIS X 0401 codes.",
        (
            _c("pref_code", TEXT, "Two-digit JIS X 0401 code.", required=True, pattern=r"^\d{2}$"),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("name_en", TEXT, "Name in English.", required=True),
            _c("area_block_en", TEXT, "Conventional regional block (Hokkaido, Tohoku, …).",
               required=True),
            _c("area_block_ja", TEXT, "Regional block in Japanese.", required=True),
        ),
        key=("pref_code",),
    ),
    Table(
        "municipalities",
        "Every municipality, ward and prefecture of Japan with its representative point, "
        "derived from MLIT's N03 boundaries by `python -m sangaku geo` (not hand-edited).",
        (
            _c("municipality_code", TEXT, "Five-digit local government code (prefectures: "
               "two-digit code followed by 000).", required=True, pattern=r"^\d{5}$"),
            _c("pref_code", TEXT, "Prefecture.", required=True,
               references="prefectures.pref_code"),
            _c("name_ja", TEXT, "Name as in N03 (wards with their city: 横浜市鶴見区).",
               required=True),
            _c("kind", TEXT, "Level of government.", required=True,
               accepted=("prefecture", "designated_city", "ward", "special_ward", "city",
                         "town", "village", "unknown")),
            _c("parent_code", TEXT, "For wards of designated cities: the city's code."),
            _c("lat", DOUBLE, "Latitude of a point inside its area.", required=True),
            _c("lon", DOUBLE, "Longitude of a point inside its area.", required=True),
        ),
        key=("municipality_code",),
    ),
    Table(
        "tech_fields",
        "Controlled vocabulary of technology fields; one colour per field, used on every "
        "page and map (Okabe–Ito, colour-blind safe).",
        (
            _c("field_id", TEXT, "Identifier.", required=True),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("name_en", TEXT, "Name in English, as the documents print it.", required=True),
            _c("color", TEXT, "Hex colour.", required=True, pattern=r"^#[0-9A-Fa-f]{6}$"),
            _c("sort_order", INT, "Display order.", required=True),
        ),
        key=("field_id",),
    ),
    Table(
        "organizations",
        "One row per real institution. Renamed institutions keep one row; their former "
        "names and spellings are in org_aliases.",
        (
            _c("org_id", TEXT, "Identifier.", required=True, pattern=r"^[a-z0-9_]+$"),
            _c("name_ja", TEXT, "Current name in Japanese.", required=True),
            _c("name_en", TEXT, "Current name in English."),
            _c("short_name_ja", TEXT, "Short name used in Japanese text (都産技研)."),
            _c("org_type", TEXT, "Kind of institution.", required=True, accepted=ORG_TYPES),
            _c("parent_org_id", TEXT, "Institution this one belongs to.",
               references="organizations.org_id"),
            _c("pref_code", TEXT, "Prefecture of its main site.",
               references="prefectures.pref_code"),
            _c("municipality_code", TEXT, "Five-digit local government code of its main site.",
               references="municipalities.municipality_code"),
            _c("tokyo_area", TEXT, "The research institute's area grouping of Tokyo "
               "(as its annual report groups wards and cities).", accepted=TOKYO_AREAS),
            _c("lat", DOUBLE, "Latitude (WGS 84) of its main site."),
            _c("lon", DOUBLE, "Longitude (WGS 84) of its main site."),
            _c("country", TEXT, "ISO 3166 alpha-2 country code.", required=True,
               default="JP", pattern=r"^[A-Z]{2}$"),
            NOTE,
        ),
        key=("org_id",),
    ),
    Table(
        "org_aliases",
        "Every other name an institution appears under in the documents: aliases, "
        "abbreviations, former names. Imports and lookups resolve through this table.",
        (
            _c("alias", TEXT, "The name as written.", required=True),
            _c("org_id", TEXT, "Institution it names.", required=True,
               references="organizations.org_id"),
            _c("alias_kind", TEXT, "Kind of name.", required=True,
               accepted=("alias", "former_name", "abbreviation", "english", "spelling")),
            _c("valid_until", DATE, "For a former name: the last day it was in use."),
            NOTE,
        ),
        key=("alias",),
    ),
    Table(
        "programs",
        "Public programs and regional initiatives.",
        (
            _c("program_id", TEXT, "Identifier.", required=True),
            _c("name_en", TEXT, "Name in English as printed.", required=True),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("short_name", TEXT, "Short name (CLUSTER, CITY AREA).", required=True),
            _c("kind", TEXT, "Kind of program.", required=True,
               accepted=("national_program", "trial_scheme", "regional_initiative")),
            _c("parent_program_id", TEXT, "Program this one is part of.",
               references="programs.program_id"),
            _c("ministry_org_id", TEXT, "Responsible ministry or body.",
               references="organizations.org_id"),
            _c("started_fy", INT, "Fiscal year it started, where a document gives it."),
            _c("units_stated", INT, "Number of clusters / areas the document states."),
            _c("regions_stated", INT, "Number of regions the document states."),
            _c("annual_budget_jpy", BIGINT, "Annual budget per region in yen."),
            _c("budget_is_approximate", BOOL, "The document says 'approximately'.",
               default="false"),
            _c("duration_years", INT, "Project length in years."),
            _c("duration_is_maximum", BOOL, "The document says 'up to'.", default="false"),
            _c("description_en", TEXT, "One-sentence aim, as printed."),
            _c("description_ja", TEXT, "Aim in Japanese."),
            NOTE,
        ),
        key=("program_id",),
    ),
    Table(
        "program_budgets",
        "Budgets by fiscal year (program totals or per region).",
        (
            _c("budget_id", TEXT, "Identifier.", required=True),
            _c("program_id", TEXT, "Program.", required=True, references="programs.program_id"),
            _c("fiscal_year", INT, "Japanese fiscal year (April–March).", required=True),
            _c("amount_jpy", BIGINT, "Amount in yen.", required=True),
            _c("scope", TEXT, "What the amount covers.", required=True,
               accepted=("program_total", "per_region_per_year")),
            _c("original_text", TEXT, "The figure as printed.", required=True),
            NOTE,
        ),
        key=("budget_id",),
    ),
    Table(
        "regions",
        "Program regions: CLUSTER regions, trial regions, CITY AREA areas, greater "
        "clusters and the TAMA region.",
        (
            _c("region_id", TEXT, "Identifier.", required=True, pattern=r"^[a-z0-9_]+$"),
            _c("program_id", TEXT, "Program.", required=True, references="programs.program_id"),
            _c("kind", TEXT, "Kind of region.", required=True,
               accepted=("cluster_region", "trial_region", "city_area", "greater_cluster",
                         "initiative_region")),
            _c("name_en", TEXT, "Name in English (normalised spelling).", required=True),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("name_as_printed", TEXT, "Name exactly as the document prints it.",
               required=True),
            _c("greater_cluster_id", TEXT, "Greater cluster this region belongs to.",
               references="regions.region_id"),
            _c("seq", INT, "Order in the document.", required=True),
            NOTE,
        ),
        key=("region_id",),
    ),
    Table(
        "region_fields",
        "Technology fields of each region, in the order the document prints them.",
        (
            _c("region_id", TEXT, "Region.", required=True, references="regions.region_id"),
            _c("field_id", TEXT, "Field.", required=True, references="tech_fields.field_id"),
            _c("seq", INT, "Order as printed.", required=True),
        ),
        key=("region_id", "field_id"),
    ),
    Table(
        "region_prefectures",
        "Prefectures each region lies in (a region may span several).",
        (
            _c("region_id", TEXT, "Region.", required=True, references="regions.region_id"),
            _c("pref_code", TEXT, "Prefecture.", required=True,
               references="prefectures.pref_code"),
            NOTE,
        ),
        key=("region_id", "pref_code"),
    ),
    Table(
        "region_municipalities",
        "Member municipalities of each region, with how the region was delimited.",
        (
            _c("region_id", TEXT, "Region.", required=True, references="regions.region_id"),
            _c("municipality_code", TEXT, "Member municipality.", required=True,
               references="municipalities.municipality_code"),
            _c("delimitation", TEXT, "How the membership was decided.", required=True,
               accepted=("named_city", "city_pair", "named_area", "lake_shore",
                         "river_basin", "research_city", "initiative_area")),
            _c("is_interpretation", BOOL, "The document does not name the municipalities; "
               "this membership is this project's reading of the region's name.",
               default="true"),
            NOTE,
        ),
        key=("region_id", "municipality_code"),
    ),
    Table(
        "agreements",
        "Agreements and memoranda signed between institutions, one row per document.",
        (
            _c("agreement_id", TEXT, "Identifier.", required=True),
            _c("org_id", TEXT, "The partner institution.", required=True,
               references="organizations.org_id"),
            _c("org_unit_ja", TEXT, "Branch or centre of the partner that signed."),
            _c("counterpart_org_id", TEXT, "The other party.", required=True,
               references="organizations.org_id"),
            _c("list_no", INT, "Number in the document's list."),
            _c("document_type_ja", TEXT, "Document type as printed (協定書, 覚書, …).",
               required=True),
            _c("document_kind", TEXT, "Normalised document type.", required=True,
               accepted=("agreement", "memorandum", "confidentiality_agreement")),
            _c("signed_on", DATE, "Date signed (NULL where the document gives none)."),
            _c("date_precision", TEXT, "How much of the date the document gives.",
               required=True, accepted=DATE_PRECISION),
            _c("department_ja", TEXT, "For department-level agreements: the counterpart's "
               "department that signed."),
            _c("is_department_level", BOOL, "Signed by a department, not the institution.",
               default="false"),
            _c("section", TEXT, "Section of the document."),
            NOTE,
        ),
        key=("agreement_id",),
    ),
    Table(
        "events",
        "Events: hosted, co-hosted, attended, supported, planned.",
        (
            _c("event_id", TEXT, "Identifier.", required=True),
            _c("title_ja", TEXT, "Title as printed.", required=True),
            _c("title_en", TEXT, "Title in English."),
            _c("start_date", DATE, "First day (first of month when only a month is given)."),
            _c("end_date", DATE, "Last day, for events over several days."),
            _c("date_precision", TEXT, "How much of the date the document gives.",
               required=True, accepted=DATE_PRECISION),
            _c("fiscal_year", INT, "Japanese fiscal year of the event."),
            _c("category", TEXT, "Kind of event.", required=True,
               accepted=("seminar", "lecture", "exhibition", "meeting", "forum", "symposium",
                         "workshop", "exchange", "fair", "briefing", "tour", "award")),
            _c("role", TEXT, "Role of the reporting institution (for the research "
               "institute's report) or of the case's parties.", required=True,
               accepted=("hosted", "co_hosted", "attended", "presented", "supported",
                         "exhibited", "cooperated", "organised_by_others")),
            _c("organizer_ja", TEXT, "Organisers as printed."),
            _c("venue_ja", TEXT, "Venue as printed."),
            _c("municipality_code", TEXT, "Municipality of the venue, where it has one.",
               references="municipalities.municipality_code"),
            _c("mode", TEXT, "How it was held.", required=True, default="unknown",
               accepted=("onsite", "online", "hybrid", "written", "email", "unknown")),
            _c("is_planned", BOOL, "Announced, not yet held when the document was written.",
               default="false"),
            _c("participants", INT, "Participants (or attendees) as printed."),
            _c("exhibitors", INT, "Exhibiting companies or bodies."),
            _c("registrants", INT, "Registered visitors."),
            _c("section", TEXT, "Section of the document."),
            NOTE,
        ),
        key=("event_id",),
    ),
    Table(
        "event_organizations",
        "Institutions involved in an event and their role.",
        (
            _c("event_id", TEXT, "Event.", required=True, references="events.event_id"),
            _c("org_id", TEXT, "Institution.", required=True, references="organizations.org_id"),
            _c("role", TEXT, "Its role.", required=True,
               accepted=("host", "co_host", "supporter", "sponsor", "presenter", "participant",
                         "exhibitor", "venue")),
        ),
        key=("event_id", "org_id", "role"),
    ),
    Table(
        "collaborations",
        "Cooperation activities the research institute reports with each partner "
        "(wards and cities, financial institutions, universities, research bodies), "
        "one row per activity as listed.",
        (
            _c("activity_id", TEXT, "Identifier.", required=True),
            _c("org_id", TEXT, "Partner institution.", required=True,
               references="organizations.org_id"),
            _c("partner_group", TEXT, "Which list of the report it is in.", required=True,
               accepted=("municipality", "financial_institution", "university_research",
                         "kosha")),
            _c("tokyo_area", TEXT, "Area heading it is listed under.", accepted=TOKYO_AREAS),
            _c("activity_type_ja", TEXT, "Row heading for typed lists (講座・セミナー…)."),
            _c("seq", INT, "Order within the partner's list.", required=True),
            _c("text_ja", TEXT, "The activity as printed.", required=True),
            _c("month_text", TEXT, "Months as printed (9月, 9月～10月)."),
            _c("start_month", DATE, "First day of the first month given, in the fiscal year."),
            _c("count", INT, "Count printed with the activity (回, 件, 名)."),
            _c("count_unit", TEXT, "Unit of count.",
               accepted=("times", "cases", "people", "companies", "articles")),
            _c("fiscal_year", INT, "Fiscal year reported.", required=True),
            _c("section", TEXT, "Section of the document."),
            NOTE,
        ),
        key=("activity_id",),
    ),
    Table(
        "research_groups",
        "Technical research groups run with the research institute.",
        (
            _c("group_id", TEXT, "Identifier.", required=True),
            _c("list_no", INT, "Number in the document's table.", required=True),
            _c("name_ja", TEXT, "Name as printed.", required=True),
            _c("name_en", TEXT, "Name in English."),
            _c("founded_on", DATE, "Month founded (first of month).", required=True),
            _c("purpose_ja", TEXT, "Purpose as printed.", required=True),
            _c("participants", INT, "Company participants (person-visits) in the year.",
               required=True),
            _c("institute_participants", INT, "Of which from the research institute.",
               required=True),
            _c("meetings", INT, "Meetings held in the year.", required=True),
            _c("fiscal_year", INT, "Fiscal year reported.", required=True),
            _c("field_id", TEXT, "Closest technology field (interpretation).",
               references="tech_fields.field_id"),
            NOTE,
        ),
        key=("group_id",),
    ),
    Table(
        "presentations",
        "Presentations given by the research institute's staff at other bodies' meetings.",
        (
            _c("presentation_id", TEXT, "Identifier.", required=True),
            _c("list_no", INT, "Number in the document's table.", required=True),
            _c("context", TEXT, "Which list it is in.", required=True,
               accepted=("capital_region_institutes", "national_council")),
            _c("presented_on", DATE, "Date.", required=True),
            _c("title_ja", TEXT, "Title as printed.", required=True),
            _c("presenter_ja", TEXT, "Presenter as printed.", required=True),
            _c("organizer_ja", TEXT, "Host as printed."),
            _c("venue_ja", TEXT, "Venue as printed."),
            _c("meeting_ja", TEXT, "Name of the meeting as printed.", required=True),
            _c("event_id", TEXT, "The meeting, where it is also an event row.",
               references="events.event_id"),
            _c("section", TEXT, "Section of the document."),
            NOTE,
        ),
        key=("presentation_id",),
    ),
    Table(
        "networks",
        "Networks and councils of institutions (the capital-region public research "
        "institutes' network, the medical–engineering scheme, the TAMA initiative, …).",
        (
            _c("network_id", TEXT, "Identifier.", required=True),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("name_en", TEXT, "Name in English."),
            _c("founded_fy", INT, "Fiscal year founded."),
            _c("description_ja", TEXT, "What it does, as printed."),
            _c("description_en", TEXT, "What it does, in English."),
            NOTE,
        ),
        key=("network_id",),
    ),
    Table(
        "network_members",
        "Members and observers of each network.",
        (
            _c("network_id", TEXT, "Network.", required=True, references="networks.network_id"),
            _c("org_id", TEXT, "Institution.", required=True, references="organizations.org_id"),
            _c("role", TEXT, "Membership role.", required=True,
               accepted=("member", "observer", "partner")),
            _c("since_fy", INT, "Fiscal year it joined, where given."),
            NOTE,
        ),
        key=("network_id", "org_id", "role"),
    ),
    Table(
        "indicator_series",
        "Named statistical series.",
        (
            _c("series_id", TEXT, "Identifier.", required=True),
            _c("name_en", TEXT, "Name in English.", required=True),
            _c("name_ja", TEXT, "Name in Japanese.", required=True),
            _c("unit_en", TEXT, "Unit in English.", required=True),
            _c("unit_ja", TEXT, "Unit in Japanese.", required=True),
            _c("subject", TEXT, "What it describes.", required=True,
               accepted=("national", "international", "tama_initiative", "research_institute")),
            _c("is_cumulative", BOOL, "Values are running totals.", default="false"),
        ),
        key=("series_id",),
    ),
    Table(
        "indicators",
        "Values of the statistical series, one row per figure printed.",
        (
            _c("indicator_id", TEXT, "Identifier.", required=True),
            _c("series_id", TEXT, "Series.", required=True,
               references="indicator_series.series_id"),
            _c("as_of", DATE, "Date the figure refers to (first day of the period when "
               "only a month or year is given)."),
            _c("date_precision", TEXT, "How much of the date the document gives.",
               required=True, accepted=DATE_PRECISION),
            _c("period_label", TEXT, "Period as printed (FY2001, As of April 2003).",
               required=True),
            _c("geography", TEXT, "Country or area the figure covers.", required=True,
               default="JP"),
            _c("value", DOUBLE, "The figure.", required=True),
            _c("original_text", TEXT, "The figure as the document prints it.", required=True),
            _c("section", TEXT, "Section or slide of the document."),
            NOTE,
        ),
        key=("indicator_id",),
    ),
    Table(
        "policy_milestones",
        "Laws, plans and programs by year. The same milestone named by two documents "
        "has two rows sharing topic_key.",
        (
            _c("milestone_id", TEXT, "Identifier.", required=True),
            _c("topic_key", TEXT, "Groups rows about the same milestone.", required=True),
            _c("year", INT, "Year (or fiscal year) as printed.", required=True),
            _c("is_fiscal_year", BOOL, "The year is a fiscal year.", default="false"),
            _c("month", INT, "Month, where given."),
            _c("title_en", TEXT, "As printed (English documents) or translated.",
               required=True),
            _c("title_ja", TEXT, "Japanese title."),
            _c("kind", TEXT, "Kind of milestone.", required=True,
               accepted=("law", "plan", "program", "strategy", "organisation", "regulation")),
            _c("program_id", TEXT, "Program it launches, if any.",
               references="programs.program_id"),
            _c("status_note", TEXT, "Status as printed (under discussion)."),
            NOTE,
        ),
        key=("milestone_id",),
    ),
    Table(
        "document_lists",
        "Structured lists in the documents: aims and working methods of programs, "
        "policy plans, the liaison office's functions, METI cooperation.",
        (
            _c("list_id", TEXT, "Identifier.", required=True),
            _c("title_en", TEXT, "Title in English.", required=True),
            _c("title_ja", TEXT, "Title in Japanese.", required=True),
            _c("program_id", TEXT, "Program the list describes.",
               references="programs.program_id"),
            _c("org_id", TEXT, "Institution the list describes.",
               references="organizations.org_id"),
        ),
        key=("list_id",),
    ),
    Table(
        "document_list_items",
        "Items of the structured lists, transcribed.",
        (
            _c("item_id", TEXT, "Identifier.", required=True),
            _c("list_id", TEXT, "List.", required=True, references="document_lists.list_id"),
            _c("parent_item_id", TEXT, "Heading this item sits under.",
               references="document_list_items.item_id"),
            _c("seq", INT, "Order as printed.", required=True),
            _c("text_en", TEXT, "Text in English (as printed in English documents)."),
            _c("text_ja", TEXT, "Text in Japanese (as printed in Japanese documents)."),
            _c("detail_en", TEXT, "Explanation printed under the item, in English."),
            _c("detail_ja", TEXT, "Explanation printed under the item, in Japanese."),
            NOTE,
        ),
        key=("item_id",),
    ),
    Table(
        "collaboration_cases",
        "Collaboration cases described in the documents (the Tama cases of 2025).",
        (
            _c("case_id", TEXT, "Identifier.", required=True),
            _c("title_ja", TEXT, "Heading as printed.", required=True),
            _c("title_en", TEXT, "Heading in English."),
            _c("case_date", DATE, "Date (first of month when only a month is given)."),
            _c("date_precision", TEXT, "How much of the date the document gives.",
               required=True, accepted=DATE_PRECISION),
            _c("summary_ja", TEXT, "Description as printed.", required=True),
            _c("summary_en", TEXT, "Description in English."),
            _c("url", TEXT, "URL printed with the case."),
            _c("reference_url", TEXT, "Further URL printed with the case."),
            _c("region_id", TEXT, "Program region it is in.", references="regions.region_id"),
            _c("seq", INT, "Order in the document.", required=True),
            NOTE,
        ),
        key=("case_id",),
    ),
    Table(
        "case_organizations",
        "Institutions taking part in each case.",
        (
            _c("case_id", TEXT, "Case.", required=True,
               references="collaboration_cases.case_id"),
            _c("org_id", TEXT, "Institution.", required=True, references="organizations.org_id"),
            _c("role", TEXT, "Role.", required=True, default="partner",
               accepted=("partner", "supporter", "venue", "presenter")),
        ),
        key=("case_id", "org_id"),
    ),
    Table(
        "seeds",
        "Research seeds: results or capabilities an institution offers.",
        (
            _c("seed_id", TEXT, "Identifier.", required=True),
            _c("title_ja", TEXT, "Title in Japanese."),
            _c("title_en", TEXT, "Title in English."),
            _c("summary_ja", TEXT, "Summary in Japanese."),
            _c("summary_en", TEXT, "Summary in English."),
            _c("org_id", TEXT, "Institution offering it.", references="organizations.org_id"),
            _c("municipality_code", TEXT, "Where it is.",
               references="municipalities.municipality_code"),
            _c("lat", DOUBLE, "Latitude."),
            _c("lon", DOUBLE, "Longitude."),
            NOTE,
        ),
        key=("seed_id",),
    ),
    Table(
        "seed_fields",
        "Technology fields of each seed.",
        (
            _c("seed_id", TEXT, "Seed.", required=True, references="seeds.seed_id"),
            _c("field_id", TEXT, "Field.", required=True, references="tech_fields.field_id"),
        ),
        key=("seed_id", "field_id"),
    ),
    Table(
        "needs",
        "Needs: what a company or body is looking for.",
        (
            _c("need_id", TEXT, "Identifier.", required=True),
            _c("title_ja", TEXT, "Title in Japanese."),
            _c("title_en", TEXT, "Title in English."),
            _c("summary_ja", TEXT, "Summary in Japanese."),
            _c("summary_en", TEXT, "Summary in English."),
            _c("org_id", TEXT, "Institution looking.", references="organizations.org_id"),
            _c("municipality_code", TEXT, "Where it is.",
               references="municipalities.municipality_code"),
            _c("lat", DOUBLE, "Latitude."),
            _c("lon", DOUBLE, "Longitude."),
            _c("is_confidential", BOOL, "Shown only to signed-in staff.", default="false"),
            NOTE,
        ),
        key=("need_id",),
    ),
    Table(
        "need_fields",
        "Technology fields of each need.",
        (
            _c("need_id", TEXT, "Need.", required=True, references="needs.need_id"),
            _c("field_id", TEXT, "Field.", required=True, references="tech_fields.field_id"),
        ),
        key=("need_id", "field_id"),
    ),
    Table(
        "import_history",
        "Every import of a staff file: which file, into which table, what it changed, "
        "when and by whom. Built from data/imports/<batch>/import_history.csv.",
        (
            _c("batch_id", TEXT, "Batch folder under data/imports/ (sequence and checksum).",
               required=True),
            _c("file_name", TEXT, "Name of the imported file.", required=True),
            _c("checksum", TEXT, "SHA-256 of the imported file.", required=True,
               pattern=r"^[0-9a-f]{64}$"),
            _c("table_name", TEXT, "Table the rows went into.", required=True,
               accepted=("organizations", "agreements", "events", "seeds", "needs")),
            _c("rows_added", INT, "Rows that were new.", required=True),
            _c("rows_changed", INT, "Existing rows the file changed.", required=True),
            _c("rows_unchanged", INT, "Rows already present as they were.", required=True),
            _c("imported_at", TEXT, "Local time of the import (YYYY-MM-DD HH:MM:SS).",
               required=True),
            _c("imported_by", TEXT, "Who imported it (signed-in name or CLI user).",
               required=True),
            _c("file_format", TEXT, "csv or xlsx.", required=True, accepted=("csv", "xlsx")),
            _c("encoding", TEXT, "Text encoding of a CSV file as read."),
            _c("sheet", TEXT, "Worksheet of an .xlsx file that was read."),
            _c("source_id", TEXT, "The source row this import created.", required=True,
               references="sources.source_id"),
        ),
        key=("batch_id",),
        facts=False,
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return TABLES_BY_NAME[name]


def load_order() -> list[Table]:
    """Tables in an order where every referenced table comes first (self-references aside)."""
    done: list[str] = []
    pending = list(TABLES)
    while pending:
        progressed = False
        for table in list(pending):
            deps = {c.references.split(".")[0] for c in table.all_columns if c.references}
            deps.discard(table.name)
            if deps <= set(done):
                done.append(table.name)
                pending.remove(table)
                progressed = True
        if not progressed:
            raise RuntimeError(f"circular references among {[t.name for t in pending]}")
    return [TABLES_BY_NAME[n] for n in done]
