/**
 * The example data set: the 2019–20 US–Iran crisis (PRODUCT.md §1 and §8).
 *
 * Facts and dates come from the public record; the titles, notes and scores are
 * this project's own reading of it. The story the scores tell: through 2019
 * Tehran read US restraint as a lack of resolve, so in the United States → Iran
 * dyad perceived resolve sits well below intended resolve and a deterrence-failure
 * risk builds; Kata'ib Hezbollah crosses both US red lines in the last days of
 * December; the strike of 3 January 2020 closes the gap; Iran's reply of 8 January
 * is deliberately capped, its intent below what the act shows, and crosses the
 * red line on wounding Americans.
 *
 * Every signal is scored by one analyst, `Example`, with a displayed resolve too
 * (what the words or act alone show a neutral observer): in the autumn of 2019
 * the US talked tough ("locked and loaded", Pompeo's warning) while it held back
 * in deed (no strike after Abqaiq, the pull-back from Syria), the mixed message
 * the seed analysis names; by January 2020 its deeds matched its words.
 *
 * Every id is fixed, so loading the example twice adds nothing the second time.
 * Records are listed in creation order, one second apart, and signals in date
 * order, so that creation time breaks ties between signals of the same day.
 */
import type { Actor, Analyst, Assessment, RedLine, Signal } from '../domain/types';

type Stamped<T> = Omit<T, 'createdAt' | 'updatedAt'>;

/** Creation times: 2026-01-15 09:00:00 UTC plus one second per record. */
const BASE = Date.UTC(2026, 0, 15, 9, 0, 0);
function stamp(seq: number): { createdAt: string; updatedAt: string } {
  const at = new Date(BASE + seq * 1000).toISOString();
  return { createdAt: at, updatedAt: at };
}

/** The analyst whose assessments the example carries. */
const ANALYST = '525a1044-3a69-4a5e-a857-b08a34f481be';

// Actors
const US = '0de6383f-8a11-4820-badd-3e8e626bda1e';
const IRN = '1bf63a39-42a3-46c8-8003-516bff9b1c8e';
const KH = 'd17b4220-aad3-4381-a38a-22c7a0f32df8';
const SAU = 'a914398c-bfd8-49db-a3e9-4a0455bca228';

// Red lines
const RL_KILL = '4d986ab0-fc24-4318-a86f-150840f6259b';
const RL_EMBASSY = 'adbd6f12-3aaf-414b-a06a-de890b0e2dcd';

// Colours from the Okabe–Ito and Tol palettes (distinguishable with the common
// colour-vision deficiencies), each at least 3:1 against white.
const actors: Stamped<Actor>[] = [
  { id: US, name: 'United States', code: 'US', color: '#0072b2' },
  { id: IRN, name: 'Iran', code: 'IRN', color: '#d55e00' },
  { id: KH, name: "Kata'ib Hezbollah", code: 'KH', color: '#009e73' },
  { id: SAU, name: 'Saudi Arabia', code: 'SAU', color: '#aa3377' },
];

/*
 * Both lines are dated to the White House press secretary's statement of
 * 11 September 2018, issued after rockets were fired at the US consulate in Basra
 * and near the embassy compound in Baghdad: it held Tehran accountable for any
 * attack, its proxies' included, that injured US personnel or damaged US
 * government facilities. It is the earliest well-documented public statement
 * that names both limits; the wording below is ours. The lines were restated by
 * John Bolton on 5 May 2019 (the Abraham Lincoln deployment: any attack on US
 * interests would meet unrelenting force) and by Mike Pompeo on 13 December 2019
 * (attacks by Iran or its proxies that harm Americans). They are drawn against
 * Iran, whom Washington held answerable for its proxies, so the militia's
 * crossings also mark the United States → Iran timeline.
 */
const redLines: Stamped<RedLine>[] = [
  {
    id: RL_KILL,
    actorId: US,
    targetId: IRN,
    text: 'An attack by Iran or its proxies that kills or wounds an American',
    declared: '2018-09-11',
  },
  {
    id: RL_EMBASSY,
    actorId: US,
    targetId: IRN,
    text: 'An attack by Iran or its proxies on a US embassy or other diplomatic post',
    declared: '2018-09-11',
  },
];

const WIKI = 'https://en.wikipedia.org/wiki/';
const src = {
  jcpoaExit: {
    label: 'Wikipedia: United States withdrawal from the JCPOA',
    url: `${WIKI}United_States_withdrawal_from_the_Joint_Comprehensive_Plan_of_Action`,
  },
  jcpoa: {
    label: 'Wikipedia: Joint Comprehensive Plan of Action',
    url: `${WIKI}Joint_Comprehensive_Plan_of_Action`,
  },
  gulfCrisis: {
    label: 'Wikipedia: 2019–2021 Persian Gulf crisis',
    url: `${WIKI}2019%E2%80%932021_Persian_Gulf_crisis`,
  },
  carrier: {
    label: 'NBC News, 6 May 2019: carrier strike group sent to send a message to Iran',
    url: 'https://www.nbcnews.com/news/world/u-s-sending-carrier-strike-group-send-message-iran-n1002196',
  },
  fujairah: {
    label: 'Wikipedia: May 2019 Gulf of Oman incident',
    url: `${WIKI}May_2019_Gulf_of_Oman_incident`,
  },
  tankers: {
    label: 'Wikipedia: June 2019 Gulf of Oman incident',
    url: `${WIKI}June_2019_Gulf_of_Oman_incident`,
  },
  drone: {
    label: 'Wikipedia: 2019 Iranian shoot-down of American drone',
    url: `${WIKI}2019_Iranian_shoot-down_of_American_drone`,
  },
  abqaiq: { label: 'Wikipedia: Abqaiq–Khurais attack', url: `${WIKI}Abqaiq%E2%80%93Khurais_attack` },
  syria: {
    label: 'Wikipedia: 2019 Turkish offensive into north-eastern Syria',
    url: `${WIKI}2019_Turkish_offensive_into_north-eastern_Syria`,
  },
  pompeo: {
    label: 'Army Times, 13 Dec 2019: Pompeo warns of decisive US response',
    url: 'https://www.armytimes.com/newsletters/daily-news-roundup/2019/12/13/pompeo-warns-of-decisive-us-response-if-iran-harms-us-troops-or-allies/',
  },
  k1: { label: 'Wikipedia: 2019 K-1 Air Base attack', url: `${WIKI}2019_K-1_Air_Base_attack` },
  decStrikes: {
    label: 'Wikipedia: December 2019 United States airstrikes in Iraq and Syria',
    url: `${WIKI}December_2019_United_States_airstrikes_in_Iraq_and_Syria`,
  },
  embassy: {
    label: 'Wikipedia: Attack on the United States embassy in Baghdad',
    url: `${WIKI}Attack_on_the_United_States_embassy_in_Baghdad`,
  },
  khamenei: {
    label: 'Times of Israel, 1 Jan 2020: Khamenei shrugs off Trump threat',
    url: 'https://www.timesofisrael.com/irans-khamenei-shrugs-off-trump-threat-to-retaliate-over-iraq-embassy-violence/',
  },
  soleimani: {
    label: 'Wikipedia: Assassination of Qassem Soleimani',
    url: `${WIKI}Assassination_of_Qasem_Soleimani`,
  },
  martyrSoleimani: {
    label: 'Wikipedia: Operation Martyr Soleimani',
    url: `${WIKI}Operation_Martyr_Soleimani`,
  },
  ps752: {
    label: 'Wikipedia: Ukraine International Airlines Flight 752',
    url: `${WIKI}Ukraine_International_Airlines_Flight_752`,
  },
  taji: {
    label: 'The Daily Beast, 11 Mar 2020: Americans and a Briton killed in Iraq rocket attack',
    url: 'https://www.thedailybeast.com/2-americans-1-british-national-killed-in-iraq-rocket-attack',
  },
  tajiStrikes: {
    label: 'The Daily Beast, 12 Mar 2020: US hits Iran-backed group after Camp Taji attack',
    url: 'https://www.thedailybeast.com/us-hits-iran-backed-group-with-airstrikes-after-camp-taji-rocket-attack-officials-say',
  },
};

/**
 * A signal as listed here: its facts, with the example analyst's assessment of
 * it (scores, rationale and the assessment's own id) beside them, so that every
 * score sits next to the facts it judges.
 */
type Listed = Omit<Stamped<Signal>, 'displayed' | 'weight' | 'scores'> &
  Pick<Assessment, 'rationale'> & { displayed: number; assessmentId: string };

const signals: Listed[] = [
  {
    id: 'b29585fe-6170-4436-b331-b722e24a67a4',
    date: '2018-05-08',
    senderId: US,
    receiverId: IRN,
    title: 'US leaves the 2015 nuclear deal (JCPOA); maximum-pressure sanctions follow',
    kind: 'sanction',
    intended: 40,
    displayed: 40,
    perceived: 35,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.jcpoaExit],
    tags: ['nuclear', 'sanctions', 'maximum-pressure'],
    notes:
      'Washington was ready for economic coercion, not for a fight: a plain 40 on the ladder. ' +
      'Tehran called it economic war but expected no military sequel, a reading only a little short of the truth.',
    rationale:
      'Leaving the deal and restoring sanctions is economic coercion on its face, and promises nothing beyond it.',
    assessmentId: '72cec43e-b40e-4f5f-997a-263bbc1dc171',
  },
  {
    id: '2c4cb923-d15b-4a93-8329-7520cdf4e6bb',
    date: '2019-05-05',
    senderId: US,
    receiverId: IRN,
    title: 'Abraham Lincoln carrier group and a bomber task force sent to the Gulf region; Bolton warns Iran',
    kind: 'deployment',
    intended: 60,
    displayed: 65,
    perceived: 45,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.carrier, src.gulfCrisis],
    tags: ['gulf', 'deployment', 'red-line'],
    notes:
      'Real ships and bombers stood behind the warning, so intent sits at the display-of-force rung. ' +
      "Iran's security council called the announcement psychological warfare about a carrier already under way, and discounted it.",
    rationale: 'A carrier group and bombers sent with a public warning show force and hint at using it.',
    assessmentId: '0a113073-0ce2-4750-9c1f-fdf1bde1a0bb',
  },
  {
    id: 'b3176120-78b1-466e-bea4-6b7d302db53a',
    date: '2019-05-12',
    senderId: IRN,
    receiverId: US,
    title: 'Four ships damaged by limpet mines off Fujairah; Washington blames the IRGC',
    kind: 'force',
    intended: 45,
    displayed: 40,
    perceived: 50,
    confidence: 'low',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.fujairah],
    tags: ['gulf', 'shipping', 'deniable'],
    notes:
      "Deniable sabotage without casualties: Tehran meant to show that a squeeze on its oil puts the Gulf's oil at risk, little more. " +
      'Washington pinned it on the IRGC and read a slight escalation. Attribution is still contested, hence low confidence.',
    rationale:
      'Unclaimed mines that sank no ship say little on their face: a deniable act shows less than an open one.',
    assessmentId: '94d42bb7-b31a-40eb-8940-ed24cadf9f3f',
  },
  {
    id: '8eff3e36-15a2-4116-b40a-906526ee71cc',
    date: '2019-06-13',
    senderId: IRN,
    receiverId: US,
    title: 'Tankers Front Altair and Kokuka Courageous attacked in the Gulf of Oman',
    kind: 'force',
    intended: 50,
    displayed: 50,
    perceived: 55,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.tankers],
    tags: ['gulf', 'shipping', 'deniable'],
    notes:
      "A louder second round, struck while Japan's prime minister was visiting Tehran: coercion with an edge, still deniable. " +
      'The US released footage it said showed an IRGC boat removing an unexploded mine and read the act close to its intent.',
    rationale:
      'Two tankers set ablaze show more than the May mines, but with no claim the act still shows coercion with an edge, not open force.',
    assessmentId: '1ba80e93-1eb6-4e62-a6a1-e9db79ac57e1',
  },
  {
    id: '1db86066-147a-45b4-a433-849a8f60932f',
    date: '2019-06-20',
    senderId: IRN,
    receiverId: US,
    title: 'IRGC missile downs a US Navy RQ-4A Global Hawk drone near the Strait of Hormuz',
    kind: 'force',
    intended: 60,
    displayed: 70,
    perceived: 70,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.drone],
    tags: ['gulf', 'drone', 'hormuz'],
    notes:
      'Iran hit a US military asset head-on but picked an unmanned one; an IRGC commander later said a crewed P-8 flying nearby had been spared. ' +
      'Washington saw open force against its military and readied strikes, reading Iranian resolve a notch above what it was.',
    rationale:
      'The IRGC claimed the shoot-down at once: open fire on a US military aircraft shows a readiness to use force.',
    assessmentId: '731587c8-cc3f-4c0b-9240-84c2775fa5b9',
  },
  {
    id: '5e7d3b09-bd0c-4137-be6b-351eb6285a27',
    date: '2019-06-21',
    senderId: US,
    receiverId: IRN,
    title: 'Retaliatory strikes on Iranian radar and missile sites called off minutes before launch',
    kind: 'restraint',
    intended: 65,
    displayed: 30,
    perceived: 25,
    confidence: 'high',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.drone],
    tags: ['restraint', 'gulf', 'drone'],
    notes:
      'The strike was ordered and aimed; Trump stopped it because some 150 Iranians might die for a pilotless aircraft, not because he would spare Iran if Americans were killed. ' +
      'Tehran saw a president who backed off at the last minute and marked US threats down to words.',
    rationale:
      'On its face a strike called off in public shows a sender that stops short of force, whatever stood behind the decision.',
    assessmentId: 'fb417054-8967-44cb-bcf4-a02935b6a12c',
  },
  {
    id: '256b06a0-afe4-4f05-98cd-fba633c10971',
    date: '2019-06-24',
    senderId: US,
    receiverId: IRN,
    title: 'Executive order puts sanctions on the Supreme Leader and his office',
    kind: 'sanction',
    intended: 45,
    displayed: 40,
    perceived: 20,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.gulfCrisis],
    tags: ['sanctions', 'maximum-pressure'],
    notes:
      'Sanctioning Khamenei in person was picked as the answer to the drone in place of force, and meant as firm coercion. ' +
      'Iranian leaders mocked it as toothless, more proof that Washington preferred paper to fire.',
    rationale: 'Sanctions, however personal, sit on the coercion rung and show no more than that.',
    assessmentId: 'c060b86e-83e0-4341-89ed-b20c45d43337',
  },
  {
    id: '46e1b6d4-50a0-4198-abaa-2f8f911f5e53',
    date: '2019-07-07',
    senderId: IRN,
    receiverId: US,
    title: 'Iran begins enriching uranium beyond the 3.67% cap of the nuclear deal',
    kind: 'other',
    intended: 40,
    displayed: 45,
    perceived: 45,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.jcpoa],
    tags: ['nuclear'],
    notes:
      'A measured and reversible breach, meant to raise the price of maximum pressure without handing Washington a case for war. ' +
      'US officials called it nuclear extortion and read it slightly above its intent.',
    rationale: 'A small, announced and reversible breach shows coercion, a notch above words.',
    assessmentId: '51473ab0-47a8-42ed-8f0f-1feee9c30629',
  },
  {
    id: '657ea317-a5b5-4e51-a8c0-ed9157894110',
    date: '2019-07-18',
    senderId: US,
    receiverId: IRN,
    title: 'USS Boxer jams and downs an Iranian drone near Hormuz; Iran denies losing one',
    kind: 'force',
    intended: 55,
    displayed: 55,
    perceived: 25,
    confidence: 'low',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.gulfCrisis],
    tags: ['gulf', 'drone', 'hormuz'],
    notes:
      'The Navy used force, small but real, against a drone that closed on the ship. ' +
      'Tehran denied any loss, so the act bought Washington almost no credibility; both accounts are disputed, hence low confidence.',
    rationale:
      'Downing a drone that closed on a warship shows force used in self-defence, short of a strike on Iran.',
    assessmentId: '5fd7de4d-8955-406d-be26-b273aa9b8c7a',
  },
  {
    id: '6b436f58-a153-4eda-af32-a1de756cafcd',
    date: '2019-09-14',
    senderId: IRN,
    receiverId: US,
    title:
      'Drones and cruise missiles hit Saudi oil plants at Abqaiq and Khurais, briefly halving Saudi output',
    kind: 'force',
    intended: 65,
    displayed: 60,
    perceived: 70,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.abqaiq],
    tags: ['gulf', 'oil', 'deniable', 'proxy'],
    notes:
      "The Houthis claimed it; Washington traced it to Iran. The attack tested whether the US would defend a partner's oil: " +
      'Iran was ready for a sharp but bounded blow, and Washington read it as a grave escalation, a little above intent.',
    rationale:
      "A blow that halves a partner's oil output shows force, though the Houthi claim blurs whose force it was.",
    assessmentId: 'b4524ff9-3621-4c8e-870b-f77deb130451',
  },
  {
    id: '6e1423ec-1de8-42f7-8175-08f4fa2dd132',
    date: '2019-09-14',
    senderId: IRN,
    receiverId: SAU,
    title: 'Abqaiq and Khurais strike as read in Riyadh',
    kind: 'force',
    intended: 65,
    displayed: 60,
    perceived: 75,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.abqaiq],
    tags: ['gulf', 'oil', 'deniable'],
    notes:
      'For Riyadh a strike on the heart of its oil industry looked like a prelude to more, and it read Iranian resolve above its bounded aim. ' +
      "Outside the four main dyads; kept so that the attack is scored from the victim's side as well.",
    rationale: 'From Riyadh the act showed the same as from Washington: heavy force behind a borrowed claim.',
    assessmentId: 'f7ec6730-554a-4ed5-b2d7-4ae200a75a89',
  },
  {
    id: '1dba4a1c-f774-473a-8809-fec21639881e',
    date: '2019-09-15',
    senderId: US,
    receiverId: IRN,
    title: 'Trump says the US is "locked and loaded", then waits for Riyadh to name the culprit',
    kind: 'threat',
    intended: 50,
    displayed: 70,
    perceived: 20,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.abqaiq],
    tags: ['gulf', 'oil', 'threat'],
    notes:
      'The tweet hinted at force yet made any answer wait on Saudi verification and Saudi wishes, so real intent was coercion at most. ' +
      'After June, Tehran heard one more conditional threat and scored it near the bottom.',
    rationale:
      'Taken at its word, "locked and loaded" promises force; only the conditions around it soften the tough talk.',
    assessmentId: '6012b323-815c-4d32-bc2c-524823ebccc9',
  },
  {
    id: '71318005-3768-4db0-a51a-0b0c5bd5c0fd',
    date: '2019-09-20',
    senderId: US,
    receiverId: IRN,
    title:
      "No US strike after Abqaiq: sanctions on Iran's central bank and a defensive deployment to Saudi Arabia",
    kind: 'restraint',
    intended: 60,
    displayed: 30,
    perceived: 20,
    confidence: 'high',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.abqaiq, src.gulfCrisis],
    tags: ['restraint', 'gulf', 'oil', 'sanctions'],
    notes:
      'Washington stayed ready to fight for its own people but judged Saudi oil not worth a war, and sent air defences instead of bombers. ' +
      'Tehran concluded that even a blow to world oil supply goes unpunished and put US resolve near the words rung.',
    rationale:
      'Sanctions and air defences in place of the strike the words had promised show a sender holding back from force.',
    assessmentId: '32e3a88c-a571-44f4-a8fc-2db48dfdc4f8',
  },
  {
    id: 'ccfa5847-ba49-4be8-9620-ad1bb58f9a78',
    date: '2019-10-07',
    senderId: US,
    receiverId: IRN,
    title: 'US troops pull back from north-east Syria, clearing the way for a Turkish offensive',
    kind: 'restraint',
    intended: 60,
    displayed: 10,
    perceived: 20,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.syria],
    tags: ['syria', 'restraint', 'withdrawal'],
    notes:
      'The pull-back showed a president keen to leave the region, not one unwilling to defend Americans, so intent toward Iran on the red lines is unchanged. ' +
      "Seen from Tehran it was one more retreat that confirmed the summer's pattern.",
    rationale:
      'Troops leaving a front line show, on their face, a sender stepping back from the region: close to no commitment at all.',
    assessmentId: '34e13e2f-dc54-4713-b1de-eba3b9d1db15',
  },
  {
    id: '7f96679c-d701-48d3-9aaf-c0c1682617d7',
    date: '2019-12-13',
    senderId: US,
    receiverId: IRN,
    title:
      'Pompeo warns that attacks by Iran or its proxies that harm Americans will meet a decisive response',
    kind: 'threat',
    intended: 70,
    displayed: 70,
    perceived: 30,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.pompeo],
    tags: ['red-line', 'proxy', 'iraq'],
    notes:
      'After rocket fire on bases in Iraq the Secretary of State restated the red line in public, staking the administration on a response if Americans were hurt. ' +
      'Tehran and its militias had heard such warnings all year with nothing behind them, and kept firing.',
    rationale:
      'A public promise of a decisive answer to any harm to Americans shows force as plainly as words can.',
    assessmentId: 'a2a9dc2b-665b-44c8-8bc7-6abd8ec6d243',
  },
  {
    id: 'a971bc70-e91d-4959-bfb5-e798eaa077ca',
    date: '2019-12-27',
    senderId: KH,
    receiverId: US,
    title: 'Rocket barrage on K-1 base near Kirkuk kills a US contractor and wounds US troops',
    kind: 'force',
    intended: 70,
    displayed: 75,
    perceived: 75,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: RL_KILL,
    sources: [src.k1],
    tags: ['iraq', 'proxy', 'red-line'],
    notes:
      'Some thirty rockets fired into a base with Americans on it: KH accepted that people would die, which is limited force. ' +
      "Washington took it as an Iranian proxy's deliberate killing of an American, at or just above intent. It crosses the first US red line.",
    rationale: 'Some thirty rockets into a base with Americans on it show a readiness to kill.',
    assessmentId: '0ed1f73d-a5c9-4ac8-9d52-4a016e9cc39f',
  },
  {
    id: 'bccdf9f8-a7c7-4d76-95b2-f19e34a98b56',
    date: '2019-12-29',
    senderId: US,
    receiverId: KH,
    title: "US airstrikes hit five Kata'ib Hezbollah sites in Iraq and Syria",
    kind: 'force',
    intended: 80,
    displayed: 80,
    perceived: 55,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.decStrikes],
    tags: ['iraq', 'syria', 'proxy', 'retaliation'],
    notes:
      'The strikes killed about two dozen fighters, and Washington was prepared to go further. ' +
      'KH and its patrons treated them as a bounded exchange they could answer in the street, and two days later they did.',
    rationale: 'Strikes on five sites that killed about two dozen fighters show limited force in full.',
    assessmentId: '58ba77ab-fa09-46c1-8016-5d6e27b69fdd',
  },
  {
    id: 'de70aabc-a49a-4de7-b2c1-8d19df81da5d',
    date: '2019-12-29',
    senderId: US,
    receiverId: IRN,
    title: "The 29 December strikes on Kata'ib Hezbollah as a message to Tehran",
    kind: 'force',
    intended: 80,
    displayed: 75,
    perceived: 45,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.decStrikes],
    tags: ['iraq', 'syria', 'proxy', 'retaliation'],
    notes:
      'Washington held Tehran answerable for its militias, so the strikes that answered K-1 were aimed at Iran as much as at KH; logged twice, like Abqaiq, so that each receiver reads it. ' +
      'Tehran saw force spent on a proxy, not on Iran, and let its militias march on the embassy two days later.',
    rationale:
      "Force used on the proxy, not on Iran itself, shows limited force a step short of hitting Tehran's own.",
    assessmentId: '04997f5e-38f2-4843-97af-3441397a01d6',
  },
  {
    id: '9b5e46c4-04b1-4789-87d1-7c222e9a3752',
    date: '2019-12-31',
    senderId: KH,
    receiverId: US,
    title: 'Militiamen and supporters breach the US embassy compound in Baghdad and set fires',
    kind: 'force',
    intended: 60,
    displayed: 70,
    perceived: 80,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: RL_EMBASSY,
    sources: [src.embassy],
    tags: ['embassy', 'iraq', 'proxy', 'red-line'],
    notes:
      'The crowd, led by KH and other militia figures, burned the reception area but neither stormed the chancery nor took hostages: force short of killing. ' +
      'With Tehran 1979 and Benghazi in mind, Washington read it as far more dangerous than it was. It crosses the embassy red line.',
    rationale:
      'A crowd burning its way into an embassy compound looks, on its face, like far more than it was.',
    assessmentId: 'cb26d12b-8227-4fe4-ad3d-867c9bcaec2a',
  },
  {
    id: '7e0865a3-82ef-4133-b005-09c999d0dc9f',
    date: '2019-12-31',
    senderId: US,
    receiverId: IRN,
    title: 'Trump holds Iran responsible for the embassy attack: "This is not a Warning, it is a Threat."',
    kind: 'threat',
    intended: 80,
    displayed: 75,
    perceived: 30,
    confidence: 'high',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.embassy, src.khamenei],
    tags: ['embassy', 'red-line', 'threat'],
    notes:
      "By now an American had died and Washington was weighing strikes on Iran's own commanders. " +
      "Tehran took the tweet for more of the same, as Khamenei's answer the next day shows.",
    rationale:
      '"Not a Warning, it is a Threat" promises a price in plain words: tough talk, just short of naming a strike.',
    assessmentId: '9ca7463b-6cf7-41e1-988e-a45e262bb544',
  },
  {
    id: '9e82875f-ba0a-4c4a-9072-a520818245cc',
    date: '2019-12-31',
    senderId: US,
    receiverId: KH,
    title:
      'Marines and Apache helicopters reinforce the embassy; 82nd Airborne paratroopers ordered to the region',
    kind: 'deployment',
    intended: 65,
    displayed: 60,
    perceived: 50,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.embassy],
    tags: ['embassy', 'deployment', 'iraq'],
    notes:
      'Reinforcements arrived within hours and more troops were ordered out, a clear display of force. ' +
      'The militias read it as a defensive move to hold the compound, not as a hint of what was coming.',
    rationale: 'Marines, helicopters and paratroopers sent at once are a display of force by definition.',
    assessmentId: 'e6f5e5aa-5c14-4859-927e-7c908bcec1ed',
  },
  {
    id: 'fdf6a5ed-da4f-441a-a0d8-ebdebe863de9',
    date: '2020-01-01',
    senderId: IRN,
    receiverId: US,
    title: 'Khamenei answers Trump on Twitter: "You can\'t do anything"',
    kind: 'statement',
    intended: 45,
    displayed: 45,
    perceived: 55,
    confidence: 'high',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.khamenei],
    tags: ['embassy', 'rhetoric'],
    notes:
      "Khamenei's taunt paired contempt for US will with a promise to hit back if Iran were attacked; it committed Iran to little. " +
      'Washington heard a personal challenge to the president and read more defiance into it than Tehran had staked.',
    rationale:
      'Contempt for US power and a promise to hit back if attacked show defiance, words with a threat and little more.',
    assessmentId: '0379bf95-9e06-4061-aed3-1b32849e016d',
  },
  {
    id: '56ea72d6-7cc9-4e1f-94e6-e19913b0df9e',
    date: '2020-01-01',
    senderId: KH,
    receiverId: US,
    title: 'Militia crowd leaves the embassy perimeter after the PMF tells it to withdraw',
    kind: 'restraint',
    intended: 40,
    displayed: 25,
    perceived: 50,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.embassy],
    tags: ['embassy', 'iraq', 'de-escalation'],
    notes:
      'Having made their point, KH and its allies pulled back rather than face the Marines. ' +
      'Washington, still counting the damage, gave the withdrawal little weight and kept bracing for another assault.',
    rationale: 'A crowd walking away from the embassy shows a step back, on its face hardly more than words.',
    assessmentId: 'bb54620e-6611-46a1-b474-8a37b81a1003',
  },
  {
    id: 'a1d7f219-ebfb-464c-a29b-e46b3e6498cf',
    date: '2020-01-03',
    senderId: US,
    receiverId: IRN,
    title: 'Drone strike at Baghdad airport kills Qassem Soleimani and Abu Mahdi al-Muhandis',
    kind: 'force',
    intended: 85,
    displayed: 90,
    perceived: 82,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.soleimani],
    tags: ['red-line', 'iraq', 'targeted-killing'],
    notes:
      'Killing the Quds Force commander meant accepting a real risk of war, beyond limited force. ' +
      'Tehran at last read Washington as it was: the shock of the strike all but closed the gap.',
    rationale: 'Killing a serving commander of another state shows a readiness to risk war.',
    assessmentId: '4202a9d0-84aa-4e84-97a8-000c9358e710',
  },
  {
    id: 'a85ffea0-decb-4b06-bebe-56ad6216229a',
    date: '2020-01-03',
    senderId: US,
    receiverId: KH,
    title: "Kata'ib Hezbollah founder Abu Mahdi al-Muhandis killed in the same strike",
    kind: 'force',
    intended: 85,
    displayed: 90,
    perceived: 85,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.soleimani],
    tags: ['iraq', 'proxy', 'targeted-killing'],
    notes:
      "Muhandis, KH's founder and deputy head of the PMF, died beside Soleimani. " +
      'The militia could no longer doubt that the US would go after its leaders.',
    rationale: "The militia's founder killed in the same strike: it shows the same readiness.",
    assessmentId: '80ae5aa6-93ff-4885-af56-626c563ee16a',
  },
  {
    id: '37e9229c-dc04-459b-b0b0-75459412b0a4',
    date: '2020-01-04',
    senderId: US,
    receiverId: IRN,
    title: 'Trump warns that 52 Iranian sites are targeted if Iran strikes Americans or US assets',
    kind: 'threat',
    intended: 70,
    displayed: 85,
    perceived: 75,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.soleimani],
    tags: ['threat', 'escalation'],
    notes:
      'Part of it was bluster (the Defense Secretary distanced himself from the threat to cultural sites), but after 3 January the US would strike again if Americans died. ' +
      'Tehran, now fearing a wider war, read the warning a little above intent.',
    rationale:
      'A threat to strike 52 sites inside Iran shows, in words, a readiness for war on Iranian soil.',
    assessmentId: '81bb5f5d-4e1f-4895-901c-aa9d7b6a3d42',
  },
  {
    id: '4c95195d-7b23-4802-9ed1-1082be135df7',
    date: '2020-01-05',
    senderId: IRN,
    receiverId: US,
    title: "Iran says it will no longer observe the nuclear deal's limits on enrichment",
    kind: 'other',
    intended: 40,
    displayed: 50,
    perceived: 50,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.jcpoa, src.soleimani],
    tags: ['nuclear'],
    notes:
      'A political answer to the killing that kept IAEA inspectors at work: coercion, not a dash for a weapon. ' +
      'In Washington it fed fears of a breakout and was read somewhat higher.',
    rationale:
      "Dropping every limit on enrichment shows more than July's breach, though the inspectors stayed.",
    assessmentId: '56b8ffa9-c262-4aa1-868f-842d5c943ebe',
  },
  {
    id: '926a7baf-d777-4c37-b67d-03f319ee3f87',
    date: '2020-01-08',
    senderId: IRN,
    receiverId: US,
    title:
      'Ballistic missiles hit Ain al-Asad and Erbil; Iraq warned in advance; no one killed, over a hundred US troops hurt',
    kind: 'force',
    intended: 45,
    displayed: 80,
    perceived: 70,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: true,
    redLineId: RL_KILL,
    sources: [src.martyrSoleimani, src.ps752],
    tags: ['iraq', 'capped', 'retaliation', 'missiles'],
    notes:
      'Tehran told Baghdad before launching, and Foreign Minister Zarif said within hours that Iran had "concluded proportionate measures": a deliberately capped blow, with intent near the coercion rung. ' +
      'Before the damage was known Washington read a direct missile attack on its troops as a step toward war. ' +
      'No one died, but over a hundred US troops were later found to have brain injuries, so the strike crosses the red line as worded here: an attack that kills or wounds an American. ' +
      'That night, with its air defences braced for a US reply, Iran shot down Ukraine International Airlines flight PS752 near Tehran and killed all 176 aboard; it admitted the error on 11 January. ' +
      'An accident is no signal, so the downing is told here and not logged as one.',
    rationale:
      'Ballistic missiles fired openly from Iran at US troops show limited force at the least; only the warning and the word "concluded" show the cap.',
    assessmentId: '1e2fca7f-c0e1-4e1c-9d09-6465d189ea00',
  },
  {
    id: '995e063e-1fb7-4a22-8bdd-3572c98fc6a4',
    date: '2020-01-08',
    senderId: US,
    receiverId: IRN,
    title: 'Trump answers the missile strike with sanctions, saying Iran appears to be standing down',
    kind: 'restraint',
    intended: 60,
    displayed: 35,
    perceived: 55,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.martyrSoleimani],
    tags: ['restraint', 'de-escalation', 'sanctions'],
    notes:
      'With no Americans dead Washington chose not to hit back, while making clear that its red lines still stood. ' +
      'After Soleimani, Tehran no longer mistook restraint for weakness and read this one about right.',
    rationale:
      'No strike, new sanctions and talk of standing down show, on their face, coercion and no more.',
    assessmentId: '5f375f7e-3bea-43e9-90d1-e498e8bdd7eb',
  },
  {
    id: '25b347ce-df9e-44b5-8d99-de66bb3a5d0a',
    date: '2020-01-10',
    senderId: US,
    receiverId: IRN,
    title:
      "New sanctions on Iran's construction, manufacturing, textile and mining sectors and its metal producers",
    kind: 'sanction',
    intended: 45,
    displayed: 40,
    perceived: 45,
    confidence: 'moderate',
    cost: 'tied hands',
    capped: false,
    redLineId: null,
    sources: [src.gulfCrisis],
    tags: ['sanctions', 'maximum-pressure'],
    notes:
      'The promised economic reply to the missile strike, a return to plain coercion. ' +
      'Tehran took it for exactly that and expected nothing more.',
    rationale: 'Sanctions show coercion, no more and no less.',
    assessmentId: 'a97e36f5-9d7e-49f3-9091-76e94ebccc35',
  },
  {
    id: 'f10a8e1e-7056-45e2-9256-ea14a580e4da',
    date: '2020-03-11',
    senderId: KH,
    receiverId: US,
    title: 'Rockets on Camp Taji kill two US service members and a British soldier',
    kind: 'force',
    intended: 70,
    displayed: 75,
    perceived: 70,
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    redLineId: RL_KILL,
    sources: [src.taji],
    tags: ['iraq', 'proxy', 'red-line'],
    notes:
      "Two months after Muhandis's death KH again fired into a base with coalition troops, accepting that people would die. " +
      'Washington, no longer inclined to doubt the militia, read it accurately. The first red line is crossed again.',
    rationale: 'Rockets that kill soldiers show a readiness to kill, as at K-1.',
    assessmentId: '52e41461-c848-45cf-b307-52ceb3ddef91',
  },
  {
    id: '1e68f175-85a2-4a59-8383-1471ce501c3b',
    date: '2020-03-12',
    senderId: US,
    receiverId: KH,
    title: "US strikes five Kata'ib Hezbollah weapons storage sites in Iraq",
    kind: 'force',
    intended: 75,
    displayed: 70,
    perceived: 60,
    confidence: 'moderate',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [src.tajiStrikes],
    tags: ['iraq', 'proxy', 'retaliation'],
    notes:
      'A measured reply aimed at arms depots rather than leaders, with more held in reserve. ' +
      'KH judged it bearable: rockets struck Taji again on 14 March.',
    rationale: "Strikes on arms depots rather than on leaders show limited force, kept below January's.",
    assessmentId: 'ec2ec4b1-9ea3-4bf5-930b-4029356e7855',
  },
  {
    id: '80f2552a-6275-4319-acc1-4582e6dded60',
    date: '2020-04-22',
    senderId: US,
    receiverId: IRN,
    title: 'Trump orders the Navy to destroy any Iranian gunboats that harass US ships',
    kind: 'threat',
    intended: 55,
    displayed: 60,
    perceived: 50,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [src.gulfCrisis],
    tags: ['gulf', 'threat', 'shipping'],
    notes:
      'After IRGC speedboats swarmed US warships on 15 April, the president authorised force against a repeat. ' +
      'Tehran, having seen January, took the warning seriously if not literally; the gap stays small.',
    rationale: 'An order to destroy harassing boats shows force promised on one condition.',
    assessmentId: 'b35dd320-5e96-4b15-87de-e7c236920ac3',
  },
];

export interface ExampleData {
  actors: Actor[];
  redLines: RedLine[];
  /** The signals, carrying the example analyst's scores (the only assessment, so the consensus). */
  signals: Signal[];
  analysts: Analyst[];
  assessments: Assessment[];
}

const signalsAt = actors.length + redLines.length;
const analystAt = signalsAt + signals.length;

export const EXAMPLE: ExampleData = {
  actors: actors.map((a, i) => ({ ...a, ...stamp(i) })),
  redLines: redLines.map((r, i) => ({ ...r, ...stamp(actors.length + i) })),
  signals: signals.map(
    ({ displayed: _displayed, rationale: _rationale, assessmentId: _assessment, ...s }, i) => ({
      ...s,
      ...stamp(signalsAt + i),
    }),
  ),
  analysts: [{ id: ANALYST, name: 'Example', ...stamp(analystAt) }],
  assessments: signals.map((s, i) => ({
    id: s.assessmentId,
    signalId: s.id,
    analystId: ANALYST,
    intended: s.intended,
    displayed: s.displayed,
    perceived: s.perceived,
    confidence: s.confidence,
    rationale: s.rationale,
    ...stamp(analystAt + 1 + i),
  })),
};
