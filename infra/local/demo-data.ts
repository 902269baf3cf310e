/**
 * The demo network seeded on first start (`npm start -- --demo` seeds it afresh): a network of
 * ten firms around timber construction and building services in and around Vienna.
 */
export const DEMO_NETWORK = {
  id: 'demo',
  name: 'Holzbau & Haustechnik Netzwerk',
  slug: 'demo',
  inboundLocalPart: 'demo',
  referencePrefix: 'HHN',
  timezone: 'Europe/Vienna',
  contact: { name: 'Maria Huber', email: 'office@holzbau-haustechnik.example', phone: '+43 1 234 5678' },
} as const;

export const DEMO_COMPETENCES = [
  {
    id: 'carpentry',
    label_de: 'Tischlerei',
    label_en: 'Joinery',
    synonyms: ['Tischler', 'Möbelbau', 'Einbaumöbel', 'joiner', 'cabinet maker'],
  },
  {
    id: 'timber-construction',
    label_de: 'Zimmerei & Holzbau',
    label_en: 'Timber construction',
    synonyms: ['Zimmerer', 'Dachstuhl', 'Holzriegelbau', 'carpenter', 'timber frame'],
  },
  {
    id: 'electrical',
    label_de: 'Elektroinstallation',
    label_en: 'Electrical installation',
    synonyms: ['Elektriker', 'Strom', 'Verkabelung', 'electrician', 'wiring'],
  },
  {
    id: 'plumbing',
    label_de: 'Sanitärinstallation',
    label_en: 'Plumbing',
    synonyms: ['Installateur', 'Bad', 'Badezimmer', 'Wasserleitung', 'plumber', 'bathroom'],
  },
  {
    id: 'heating',
    label_de: 'Heizungstechnik',
    label_en: 'Heating',
    synonyms: ['Heizung', 'Wärmepumpe', 'Fußbodenheizung', 'heat pump', 'underfloor heating'],
  },
  {
    id: 'ventilation',
    label_de: 'Lüftungstechnik',
    label_en: 'Ventilation',
    synonyms: ['Lüftung', 'Wohnraumlüftung', 'HVAC'],
  },
  {
    id: 'solar',
    label_de: 'Photovoltaik',
    label_en: 'Solar power',
    synonyms: ['PV', 'Solaranlage', 'Photovoltaikanlage', 'solar panels'],
  },
  {
    id: 'planning',
    label_de: 'Planung & Bauleitung',
    label_en: 'Planning & site management',
    synonyms: ['Architekt', 'Planer', 'Bauleitung', 'architect', 'design'],
  },
  {
    id: 'building-physics',
    label_de: 'Bauphysik',
    label_en: 'Building physics',
    synonyms: ['Energieausweis', 'Wärmeschutz', 'energy certificate', 'insulation'],
  },
  {
    id: 'painting',
    label_de: 'Malerei & Anstrich',
    label_en: 'Painting',
    synonyms: ['Maler', 'Anstreicher', 'painter', 'decorator'],
  },
] as const;

type Kind = 'people' | 'room' | 'machine';
interface DemoPartner {
  name: string;
  contact: { name: string; email: string; phone?: string };
  postcode: string;
  region: string;
  competences: { competenceId: string; level: number }[];
  resources: {
    kind: Kind;
    name: string;
    hoursPerWeek: number;
    exceptions?: { from: string; to: string; hours: number }[];
  }[];
}

const christmas = (year: number) => ({ from: `${year}-12-24`, to: `${year + 1}-01-06`, hours: 0 });

const partners: DemoPartner[] = [
  {
    name: 'Tischlerei Gruber',
    contact: { name: 'Josef Gruber', email: 'josef@tischlerei-gruber.example', phone: '+43 2236 41122' },
    postcode: '2340',
    region: 'Mödling',
    competences: [
      { competenceId: 'carpentry', level: 5 },
      { competenceId: 'timber-construction', level: 3 },
    ],
    resources: [
      {
        kind: 'people',
        name: 'Werkstatt-Team (3 Tischler)',
        hoursPerWeek: 114,
        exceptions: [christmas(2026)],
      },
      { kind: 'machine', name: 'CNC-Bearbeitungszentrum', hoursPerWeek: 40 },
      { kind: 'room', name: 'Montagehalle', hoursPerWeek: 45 },
    ],
  },
  {
    name: 'Elektro Novak GmbH',
    contact: { name: 'Petra Novak', email: 'petra@elektro-novak.example', phone: '+43 1 602 3344' },
    postcode: '1100',
    region: 'Wien',
    competences: [
      { competenceId: 'electrical', level: 5 },
      { competenceId: 'solar', level: 4 },
    ],
    resources: [
      { kind: 'people', name: 'Elektriker (4)', hoursPerWeek: 152, exceptions: [christmas(2026)] },
      { kind: 'machine', name: 'Hubarbeitsbühne', hoursPerWeek: 30 },
    ],
  },
  {
    name: 'Installationen Berger',
    contact: { name: 'Thomas Berger', email: 'thomas@berger-installationen.example' },
    postcode: '2500',
    region: 'Baden',
    competences: [
      { competenceId: 'plumbing', level: 5 },
      { competenceId: 'heating', level: 4 },
    ],
    resources: [{ kind: 'people', name: 'Installateure (3)', hoursPerWeek: 114 }],
  },
  {
    name: 'Wärme & Luft Hofer',
    contact: { name: 'Lisa Hofer', email: 'lisa@hofer-waerme.example', phone: '+43 2622 21900' },
    postcode: '2700',
    region: 'Wiener Neustadt',
    competences: [
      { competenceId: 'heating', level: 5 },
      { competenceId: 'ventilation', level: 5 },
      { competenceId: 'plumbing', level: 2 },
    ],
    resources: [
      { kind: 'people', name: 'Monteure (2)', hoursPerWeek: 76 },
      { kind: 'room', name: 'Schulungsraum', hoursPerWeek: 20 },
    ],
  },
  {
    name: 'Planungsbüro Steiner',
    contact: { name: 'DI Karin Steiner', email: 'k.steiner@planung-steiner.example' },
    postcode: '1040',
    region: 'Wien',
    competences: [
      { competenceId: 'planning', level: 5 },
      { competenceId: 'building-physics', level: 4 },
    ],
    resources: [
      { kind: 'people', name: 'Planerinnen (2)', hoursPerWeek: 76 },
      { kind: 'room', name: 'Besprechungsraum', hoursPerWeek: 40 },
    ],
  },
  {
    name: 'Holzbau Wimmer',
    contact: { name: 'Andreas Wimmer', email: 'andreas@holzbau-wimmer.example' },
    postcode: '3100',
    region: 'St. Pölten',
    competences: [
      { competenceId: 'timber-construction', level: 5 },
      { competenceId: 'carpentry', level: 2 },
    ],
    resources: [
      { kind: 'people', name: 'Zimmerer (5)', hoursPerWeek: 190 },
      { kind: 'machine', name: 'Abbundanlage', hoursPerWeek: 35 },
      { kind: 'room', name: 'Abbundhalle', hoursPerWeek: 45 },
    ],
  },
  {
    name: 'Sonnenstrom Aigner',
    contact: { name: 'Markus Aigner', email: 'markus@sonnenstrom-aigner.example' },
    postcode: '3430',
    region: 'Tulln',
    competences: [
      { competenceId: 'solar', level: 5 },
      { competenceId: 'electrical', level: 3 },
    ],
    resources: [{ kind: 'people', name: 'PV-Monteure (2)', hoursPerWeek: 76 }],
  },
  {
    name: 'Malerei Fuchs',
    contact: { name: 'Eva Fuchs', email: 'eva@malerei-fuchs.example' },
    postcode: '1210',
    region: 'Wien',
    competences: [{ competenceId: 'painting', level: 5 }],
    resources: [{ kind: 'people', name: 'Maler (3)', hoursPerWeek: 114 }],
  },
  {
    name: 'Bauphysik Lehner',
    contact: { name: 'Dr. Georg Lehner', email: 'g.lehner@bauphysik-lehner.example' },
    postcode: '1090',
    region: 'Wien',
    competences: [
      { competenceId: 'building-physics', level: 5 },
      { competenceId: 'planning', level: 2 },
    ],
    resources: [
      { kind: 'people', name: 'Bauphysiker', hoursPerWeek: 38 },
      { kind: 'machine', name: 'Blower-Door-Messgerät', hoursPerWeek: 20 },
    ],
  },
  {
    name: 'Haustechnik Weber',
    contact: { name: 'Stefan Weber', email: 'stefan@haustechnik-weber.example' },
    postcode: '2380',
    region: 'Perchtoldsdorf',
    competences: [
      { competenceId: 'plumbing', level: 4 },
      { competenceId: 'heating', level: 3 },
      { competenceId: 'electrical', level: 2 },
    ],
    resources: [{ kind: 'people', name: 'Techniker (2)', hoursPerWeek: 76 }],
  },
];

/** Stable ids `demo-p1` … `demo-p10`, so tokens can be made without a lookup. */
export const DEMO_PARTNERS = partners.map((p, i) => ({ id: `demo-p${i + 1}`, ...p }));
