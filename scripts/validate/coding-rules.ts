/**
 * The qualitative coding behind the charts: for each municipality, what its own section says
 * about planning documents, activity directions, implementers, partners, projects and target
 * groups. Each code carries a verbatim evidence phrase from the section (checked by the tests).
 *
 * CODING_RULES is the rule book: next year's editor codes the same way by following it. The
 * texts are also the schema's descriptions, so an editor tool or a JSON schema shows them.
 */

export const CODING_RULES = {
  planning: {
    "own-plan": "Field \"Pieaugušo izglītība ... plānošanas dokumentos\". The section names a document whose subject is adult education / lifelong learning itself: an adult-education or lifelong-learning (action) plan, an annual adult-education activity plan, an adult non-formal-education goal with its own task list, or the regulation (nolikums) of a dedicated adult-education / continuing-education centre. Takes precedence over the other two. Does not count: the nolikums of a general education board or of an interest-education centre; a plan or strategy that is still \"izstrādes procesā\".",
    "education-strategy": "Adult education is included (at any depth, incl. \"vispārīgi minēts\", \"nedaudz apskatīti\") in an education-sector / education-ecosystem strategy, concept or medium-term education plan; OR the text says the municipal development programme / its action plan sets adult-education tasks, results or measures (e.g. \"noteikti uzdevumi\", \"RV1 uzdevumi U5, U13\", the action plan \"Rīcības plāns\" named as the place). This is the printed chart's \"integrated\" category.",
    "development-programme": "Adult education / lifelong learning appears only in the municipality-wide development programme or sustainable development strategy and the text gives no more than the document title, \"integrēti\"/\"iekļauta\", or a broad lifelong-learning aim (incl. an explicit \"nav izdalīta ... rīcības/investīciju plānā\"). No education strategy and no own document named.",
  },
  activities: {
    _scope: "Field \"Darbības virzieni pieaugušo izglītībā\" only (Preiļi has no such field: its list \"Darbības virzienus, funkcijas un kompetences ... saskaņā ar ... nolikumu\" under the institution field is used). Good practice, initiatives and project lists are not used. One code at most per municipality; one line may carry two codes.",
    "organising-learning": "The municipality organises or implements learning for adults: courses, seminars, lectures, master classes, non-formal sessions, programmes, events for residents or staff (\"organizēšana\", \"īstenošana\", \"realizācija\", \"pasākumi pedagogiem un iedzīvotājiem\", \"meistarklases\"). Not: only promoting or coordinating other providers (\"tiek veicināta ... norise\", \"nodrošināt ... pakalpojuma sniegšanu\" as providers' duty), project coordination, a one-word theme (\"izglītība un veselība\").",
    permits: "Issuing, reviewing or licensing permits for non-formal education programmes (\"atļauju izsniegšana\", \"licencēšana\", \"atļauju izskatīšana un virzīšana\", also the slip \"neformālās izglītības programmu izsniegšana\"). The closing field \"Izsniegto ... atļauju skaits\" alone does not count.",
    consultations: "Individual consulting / support of residents on learning (\"konsultēšana\", \"konsultācijas\", \"atbalsts interesentiem\") or informing residents specifically about adult-learning opportunities (\"informēšana par ... iespējām\", \"iepazīstināšana ar piedāvātajām iespējām\"). Not: generic \"informācijas sniegšana/apmaiņa\", news on \"aktualitātes\", methodological support to other providers, career consultations (coded career).",
    "teacher-development": "The direction names professional development, continuing education or training of teachers (\"pedagogu profesionālā(s) kompetences pilnveide\", \"pedagogu tālākizglītība\", \"pedagogu izglītošana\") as something the municipality implements/organises. Not: generic \"pasākumi pedagogiem\", only agreeing/issuing permits for PD programmes, activities for teacher career counsellors, projects for education leaders.",
    cooperation: "A direction that names cooperation (\"sadarbība\", \"sadarbības attīstība/stiprināšana\", \"sekmēt ... sadarbību\") with or among institutions, businesses, NGOs or international partners.",
    seniors: "A programme or support line specifically for seniors (\"senioru izglītības programmas\", \"atbalsta programma senioriem\", \"vecāku un senioru izglītības programmas\"). Not: seniors mentioned inside project involvement (\"darbs ar jauniešiem un senioriem\").",
    strategy: "Policy, strategy or system development / steering of adult education (\"politikas veidošana\", \"politikas īstenošana un koordinēšana\", \"pārvaldības sistēmas pilnveidošana\", \"noteikt prioritāros virzienus\"). Not: implementing tasks of someone else's plan, needs surveys.",
    digital: "The direction itself names digital skills, IT or digital tools as the learning content (\"digitālo prasmju attīstība\", \"digitālo rīku meistarklases\", \"izglītošana IT jomā\", \"digitālās prasmes\" as a priority). Not: a digital project only named as a project to coordinate, \"Digitālā nedēļa\" event framing.",
    career: "Career guidance, career consultations or career education offered as a direction (\"karjeras konsultācijas\", \"karjeras atbalsta konsultācijas\", \"karjeras ... izglītība/pieejamība\"). Not: activities of teacher career counsellors (Valmiera).",
  },
  implementers: {
    _scope: "Field \"Pieaugušo izglītības īstenotāji pašvaldībā\" (also spelled \"īstenoņāji\", \"īstenoņi\", \"īstenojami\", \"īstenošana\"). Other fields are not used.",
    ngo: "biedrība(s), NVO, nevalstiskās organizācijas, senioru/pensionāru biedrības, NVO centres, partnerships registered as biedrība, business associations named as \"biedrības\". Not: foundations of the municipality (nodibinājums \"Ventspils Augsto tehnoloģiju parks\").",
    vocational: "Vocational education institutions: tehnikums, profesionālā vidusskola, professional art/design/music secondary schools, amatniecības vidusskola, \"profesionālās izglītības iestādes\", structural units of these. Counted even if municipal (Zaļenieku).",
    "training-centres": "Training / continuing-education providers: \"mācību centrs\" (BUTS, Plus, Latgales, Austrumvidzeme ...), \"profesionālās tālākizglītības centrs\", LLKC offices, private language or studies schools, generic \"mācību centri\", \"pieaugušo neformālās izglītības iestādes\", private \"mācību iestādes\". Not: unspecified \"privātās iestādes\", NVA branches (state agency).",
    universities: "Universities, academies, colleges and their branches / lifelong-learning centres (LU, RTU, LBTU, RTA, DU, ViA, VeA, Turība, koledža, \"augstākās izglītības iestādes\").",
    municipal: "MAINLY municipal: the implementers named are municipal institutions (libraries, culture houses, museums, social service, youth/day centres, the education board or departments, municipal schools incl. a municipal vocational school, municipal coordinators/specialists), optionally with NGOs, individual lecturers or permit holders, and with NO training centre, non-municipal vocational school, university/college or state agency. A list that merely includes some municipal institutions does not count.",
  },
  partners: {
    _scope: "Field \"Pieaugušo izglītības tīkls/sadarbības partneri\" only (Ropaži: mis-indented as a sub-item, used). \"nav īstenots\"/\"nav izveidots\" = no partners. Partners named only under \"Labā prakse\" (e.g. Smiltenes tehnikums) are not coded.",
    state: "National institutions named (IZM, VIAA, VARAM, NVA, PMLP, Valsts probācijas dienests, Latvijas Nacionālā bibliotēka, Latvijas Banka, ALTUM) or generic \"valsts ... iestādes\" (incl. \"valsts un pašvaldības iestādes\").",
    ngo: "biedrības, NVO, LPIA / Latvijas Pieaugušo izglītības apvienība, senioru/pensionāru biedrības, Latvijas Sarkanais Krusts, LEADER partnerships, education NGOs (\"Izglītības iniciatīvu centrs\", biedrība \"Vitae\"). Business associations are coded business, not ngo.",
    municipal: "Own or other municipalities' institutions: named (libraries, culture houses, schools, social service, youth centres, departments, other municipalities' education boards) or generic \"pašvaldības iestādes\" / \"valsts un pašvaldības iestādes\"; \"novada struktūras\". Evidence shows which rest only on the generic phrase.",
    business: "uzņēmumi, uzņēmēji, komersanti, named companies (SIA), business / industry associations and clubs (LTRK, LIKTA, uzņēmēju biedrība, Komersantu klubs, nozares asociācija). Not: the municipality's own business-support specialist.",
    regional: "Planning regions (Kurzemes/KPR, Zemgales, Latgales, Rīgas plānošanas reģions) as partners.",
    universities: "Universities, academies and their lifelong-learning centres named as partners (LU, LBTU, RTU, RTA, DU, Turība).",
    vocational: "Vocational schools named as partners (tehnikums, vocational secondary schools incl. RTU Austrumlatvijas Tehnoloģiju vidusskola, Zaļenieku komerciālā un amatniecības vidusskola). Training centres (BUTS, Jēkabpils Tālākizglītības centrs, Latgales mācību centrs) are not vocational schools.",
  },
  projects: {
    _scope: "Field \"Dalība pieaugušo izglītības projektos\" (also \"Dalība projektos\", \"Dalība ... projektā\"). Dobele has no such field: its \"īstenojamie projekti\" list under \"Īstenojamās iniciatīvas\" is used. Ventspils valstspilsēta has no project field and no project list: none. \"nav/nepiedalījās/tiek plānota\" = none, even if another field mentions a project (Mārupe, Smiltene). Each type once per municipality.",
    digital: "RRF/VARAM \"Sabiedrības digitālo prasmju attīstība\" (2.3.2.1.i...) or another project whose title is digital skills.",
    "esf-adult-learning": "ESF+/VIAA \"Atbalsts pieaugušo individuālajās vajadzībās balstītai pieaugušo izglītībai\" (4.2.4.2/1/24/I/001, \"STARS\").",
    "erasmus-national-coordinators": "Erasmus+ \"Nacionālie koordinatori dalības pieaugušo izglītībā veicināšanai Latvijā\" (also without the word Erasmus).",
    "erasmus-other": "Any other Erasmus+ project (KA1 mobility KA121/KA122, KA220 partnerships, Erasmus accreditation consortium, named Erasmus+ projects).",
    youth: "JSPA \"PROTI un DARI 2.0\".",
    health: "ESF+ health promotion / disease prevention projects (\"Veselības veicināšanas ...\", \"Oveselība\").",
    "other-international": "All other projects: Nordplus, URBACT IV (DIGI-INCLUSION), EPALE, and the catch-all \"citi projekti\" incl. national programmes (SIF/VIAA Ukrainian programmes, RRF \"Prasmju pilnveide pieaugušajiem\", other ESF+ projects, unspecified projects).",
  },
  targetGroups: {
    _scope: "Field \"Mērķa grupas\"/\"Mērķa grupa\" only. A municipality can have several codes.",
    "all-adults": "A general population group: \"visi/ikviens (pieaugušais) iedzīvotājs\", \"iedzīvotāji no 18 (16) gadiem\", \"novada iedzīvotāji\", \"visas iedzīvotāju grupas\", \"iedzīvotāji\", \"pieaugušie\". Not: residents qualified by a purpose or place (\"kuri vēlas pilnveidot digitālās prasmes\", \"pagastu iedzīvotāji\").",
    teachers: "pedagogi, izglītības iestāžu darbinieki/vadītāji, izglītības jomas profesionāļi, pedagogi karjeras konsultanti.",
    parents: "vecāki, izglītojamo/skolēnu/bērnu vecāki, jaunās māmiņas, ģimenes ar bērniem.",
    seniors: "seniori, iedzīvotāji 50+.",
    youth: "jaunieši, NEET jaunieši, jaunie pieaugušie.",
    employed: "nodarbinātie, strādājošie (pieaugušie), nodarbinātas personas. Municipal staff are coded other.",
    unemployed: "bezdarbnieki, darba meklētāji.",
    entrepreneurs: "uzņēmēji, pašnodarbinātie.",
    "ukrainian-civilians": "Ukrainas civiliedzīvotāji.",
    "special-needs": "personas ar īpašām vajadzībām, pieaugušie ar ierobežotām iespējām.",
    other: "Any other named group: municipal / public-sector staff, social workers, library staff, adult educators, local-community or parish residents, \"citi interesenti\", residents wanting digital skills.",
  },
} as const;

/**
 * Chart 2 groups the activity directions into four shares, computed over mentions (a
 * municipality with three directions counts three times). 
 * Best fit to printed chart 2 (34/30/22/14 %), shares computed over mentions (sum of chart-3
 * counts). With printed chart-3 counts: 37/32/25/17 of 111 = 33.3/28.8/22.5/15.3 % (rounded
 * 33/29/23/15). With this file's counts: 40/36/27/17 of 120 = 33.3/30.0/22.5/14.2 %
 * (33/30/23/14). No partition of the nine printed counts reproduces 34/30/22/14 exactly (needs
 * 38/33/24/16 of 111), so chart 2 was built from a finer or different list of directions. The
 * semantically natural grouping (teacher-development and seniors under provision) gives
 * 24/44/23/9 % and does not fit.
 */
export const ACTIVITY_GROUPS = {
  'administration': [
    'permits',
    'strategy',
    'teacher-development'
  ],
  'provision': [
    'organising-learning',
    'digital'
  ],
  'consultation': [
    'consultations',
    'career'
  ],
  'cooperation': [
    'cooperation',
    'seniors'
  ]
} as const;
