/**
 * Event files written from the publishers' column lists (written out here
 * again, apart from the app's own), for tests: a few hundred rows per format,
 * with the duplicates, re-emitted events, unmapped actors and malformed lines
 * real files have.
 */

/** GDELT 2.0 event export, 61 columns (GDELT Event Codebook 2.0, and the field lists cited in docs/EVENTS.md). */
export const GDELT2 = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
]; // prettier-ignore

export interface GdeltEvent {
  id: number;
  /** YYYYMMDD, as GDELT writes it. */
  date: string;
  actor1: [code: string, name: string];
  actor2: [code: string, name: string];
  code: string;
  goldstein: number;
  mentions: number;
  url: string;
}

/** One GDELT 2.0 row: every column filled the way GDELT fills it, the event's own values where they belong. */
export function gdeltRow(e: GdeltEvent): string {
  const cells: Record<string, string> = {
    GLOBALEVENTID: String(e.id),
    SQLDATE: e.date,
    MonthYear: e.date.slice(0, 6),
    Year: e.date.slice(0, 4),
    FractionDate: `${e.date.slice(0, 4)}.0027`,
    Actor1Code: e.actor1[0],
    Actor1Name: e.actor1[1],
    Actor1CountryCode: e.actor1[0].slice(0, 3),
    Actor2Code: e.actor2[0],
    Actor2Name: e.actor2[1],
    Actor2CountryCode: e.actor2[0].slice(0, 3),
    IsRootEvent: '1',
    EventCode: e.code,
    EventBaseCode: e.code.slice(0, 3),
    EventRootCode: e.code.slice(0, 2),
    QuadClass: '4',
    GoldsteinScale: String(e.goldstein),
    NumMentions: String(e.mentions),
    NumSources: '1',
    NumArticles: String(e.mentions),
    AvgTone: '-5.3',
    ActionGeo_Type: '4',
    ActionGeo_FullName: 'Baghdad, Baghdad, Iraq',
    ActionGeo_CountryCode: 'IZ',
    DATEADDED: `${e.date}013000`,
    SOURCEURL: e.url,
  };
  return GDELT2.map((name) => cells[name] ?? '').join('\t');
}

export const USA: [string, string] = ['USA', 'UNITED STATES'];
export const USAGOV: [string, string] = ['USAGOV', 'UNITED STATES'];
export const IRN: [string, string] = ['IRN', 'IRAN'];
export const CHN: [string, string] = ['CHN', 'CHINA'];
export const RUS: [string, string] = ['RUS', 'RUSSIA'];
export const NONE: [string, string] = ['', ''];

/**
 * A GDELT 2.0 export of 300 lines whose outcome, with USA and USAGOV mapped to
 * the United States and IRN to Iran (CHN and RUS left out), is worked out by
 * hand in `GDELT_EXPECTED`.
 */
export function gdeltExport(): string {
  const lines: string[] = [];
  const event = (
    id: number,
    a1: [string, string],
    a2: [string, string],
    url = `https://news.example/${id}`,
  ) => ({
    id,
    date: `202001${String((id % 28) + 1).padStart(2, '0')}`,
    actor1: a1,
    actor2: a2,
    code: id % 2 ? '190' : '138',
    goldstein: id % 2 ? -10 : -7,
    mentions: (id % 9) + 1,
    url,
  });
  // 1–120: United States → Iran, and 121–160 Iran → United States: 160 distinct events.
  const kept = [
    ...Array.from({ length: 120 }, (_, i) => event(1 + i, USA, IRN)),
    ...Array.from({ length: 40 }, (_, i) => event(121 + i, IRN, USA)),
  ];
  for (const e of kept) lines.push(gdeltRow(e));
  // 20 exact duplicates of lines already written.
  for (let i = 0; i < 20; i++) lines.push(gdeltRow(kept[i * 3]));
  // 25 re-emitted: new ids, same date, actors, code and address as an earlier event.
  for (let i = 0; i < 25; i++) lines.push(gdeltRow({ ...kept[i * 5 + 1], id: 900_000 + i }));
  // 50 between actors nobody follows.
  for (let i = 0; i < 50; i++) lines.push(gdeltRow(event(1000 + i, CHN, RUS)));
  // 15 with one side followed and no second actor.
  for (let i = 0; i < 15; i++) lines.push(gdeltRow(event(2000 + i, USA, NONE)));
  // 10 between two codes of one actor.
  for (let i = 0; i < 10; i++) lines.push(gdeltRow(event(3000 + i, USAGOV, USA)));
  // 12 with one side followed and the other not.
  for (let i = 0; i < 12; i++) lines.push(gdeltRow(event(4000 + i, IRN, CHN)));
  // 8 malformed: 6 missing their last column, 2 with a date that is no date.
  for (let i = 0; i < 6; i++)
    lines.push(
      gdeltRow(event(5000 + i, USA, IRN))
        .split('\t')
        .slice(0, 60)
        .join('\t'),
    );
  lines.push(gdeltRow({ ...event(5100, USA, IRN), date: '20201399' }));
  lines.push(gdeltRow({ ...event(5101, USA, IRN), date: '20200230' }));
  return `${lines.join('\n')}\n`;
}

/** The lines of `gdeltExport`, by what becomes of them. */
export const GDELT_EXPECTED = {
  lines: 160 + 20 + 25 + 50 + 15 + 10 + 12 + 8,
  added: 160,
  duplicates: 20 + 25,
  leftOut: 50 + 15 + 12,
  sameActor: 10,
  bad: 8,
  /** The first bad line: the first of the six short ones. */
  firstBadLine: 160 + 20 + 25 + 50 + 15 + 10 + 12 + 1,
};

// ------------------------------------------------------------------ headed formats

export const ICEWS_HEADER = [
  'Event ID', 'Event Date', 'Source Name', 'Source Sectors', 'Source Country', 'Event Text', 'CAMEO Code',
  'Intensity', 'Target Name', 'Target Sectors', 'Target Country', 'Story ID', 'Sentence Number', 'Publisher',
  'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude',
]; // prettier-ignore

export function icewsRow(v: {
  id: string;
  date: string;
  source: string;
  target: string;
  text: string;
  cameo: string;
  intensity: number;
}): string {
  const cells: Record<string, string> = {
    'Event ID': v.id,
    'Event Date': v.date,
    'Source Name': v.source,
    'Source Country': v.source,
    'Event Text': v.text,
    'CAMEO Code': v.cameo,
    Intensity: String(v.intensity),
    'Target Name': v.target,
    'Target Country': v.target,
    'Story ID': '28000000',
    'Sentence Number': '1',
    Publisher: 'Example Wire',
  };
  return ICEWS_HEADER.map((h) => cells[h] ?? '').join('\t');
}

export const POLECAT_HEADER = [
  'Event ID', 'Event Date', 'Event Type', 'Event Mode', 'Event Intensity', 'Quad Code', 'Contexts',
  'Actor Name', 'Actor Country', 'Actor COW', 'Primary Actor Sector', 'Actor Sectors', 'Actor Title',
  'Actor Name Raw', 'Wikipedia Actor ID', 'Recipient Name', 'Recipient Country', 'Recipient COW',
  'Primary Recipient Sector', 'Recipient Sectors', 'Recipient Title', 'Recipient Name Raw',
  'Wikipedia Recipient ID', 'Placename', 'City', 'State', 'Country', 'Latitude', 'Longitude', 'GeoNames ID',
  'Raw Placename', 'Feature Type', 'Source', 'Publication Date', 'Story People', 'Story Organizations',
  'Story Locations', 'Language', 'Version',
]; // prettier-ignore

export function polecatRow(v: {
  id: string;
  date: string;
  type: string;
  mode: string;
  intensity: number;
  actor: string;
  recipient: string;
}): string {
  const cells: Record<string, string> = {
    'Event ID': v.id,
    'Event Date': v.date,
    'Event Type': v.type,
    'Event Mode': v.mode,
    'Event Intensity': String(v.intensity),
    'Quad Code': 'MATERIAL CONFLICT',
    Contexts: 'military;terrorism',
    'Actor Name': v.actor,
    'Recipient Name': v.recipient,
    Language: 'en',
    Version: 'v1.0',
  };
  // POLECAT's files end many rows with stray tabs.
  return `${POLECAT_HEADER.map((h) => cells[h] ?? '').join('\t')}\t\t`;
}

export const ACLED_HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude',
  'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
]; // prettier-ignore

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function acledRow(v: {
  id: string;
  date: string;
  type: string;
  sub: string;
  actor1: string;
  actor2: string;
  notes: string;
}): string {
  const cells: Record<string, string> = {
    event_id_cnty: v.id,
    event_date: v.date,
    year: v.date.slice(0, 4),
    time_precision: '1',
    disorder_type: 'Political violence',
    event_type: v.type,
    sub_event_type: v.sub,
    actor1: v.actor1,
    actor2: v.actor2,
    country: 'Iraq',
    source: 'Example Wire',
    notes: v.notes,
    fatalities: '0',
  };
  return ACLED_HEADER.map((h) => csvCell(cells[h] ?? '')).join(',');
}
