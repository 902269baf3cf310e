import './styles.css';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { claims, finishLogin, loadConfig, setToken, startLogin } from './auth';
import { lang, setLang, t } from './i18n';
import { match, navigate, path } from './router';
import { Alert, Lazy, useLoad } from './ui';

const pages = {
  inbox: () => import('./pages/inbox'),
  inquiry: () => import('./pages/inquiry'),
  week: () => import('./pages/partner-week'),
  pools: () => import('./pages/pools'),
  status: () => import('./pages/status'),
  capacity: () => import('./pages/capacity'),
  quarantine: () => import('./pages/quarantine'),
  partners: () => import('./pages/partners'),
  poolAdmin: () => import('./pages/pool-admin'),
  reports: () => import('./pages/reports'),
  settings: () => import('./pages/settings'),
  ownCapacity: () => import('./pages/own-capacity'),
  referral: () => import('./pages/referral'),
  exchange: () => import('./pages/exchange'),
  funding: () => import('./pages/funding'),
};

function Login() {
  const config = useLoad(loadConfig, []);
  return (
    <section class="narrow">
      <h1>{t('login.title')}</h1>
      <p>{config.data?.login === 'dev' ? t('login.dev') : t('login.intro')}</p>
      {config.data && (
        <button type="button" class="primary" onClick={() => startLogin(config.data!)}>
          {t('login.button')}
        </button>
      )}
    </section>
  );
}

function Callback() {
  const done = useLoad(async () => finishLogin(await loadConfig()), []);
  useEffect(() => {
    if (done.data) navigate('/', true);
  }, [done.data]);
  return done.data === false ? <Alert kind="error">{t('login.failed')}</Alert> : <p>{t('app.loading')}</p>;
}

function Home() {
  useEffect(() => {
    const c = claims.value;
    navigate(
      c?.role === 'coordinator' ? '/verbund/anfragen' : c?.role === 'partner' ? '/firma/woche' : '/login',
      true,
    );
  }, []);
  return null;
}

/** Pages behind a login: anyone else goes to the login page. */
function Guard({ who, children }: { who: 'coordinator' | 'partner'; children: preact.ComponentChildren }) {
  const c = claims.value;
  useEffect(() => {
    if (!c) navigate('/login', true);
  }, [c]);
  if (!c) return null;
  if (c.role !== who) return <Alert kind="error">{t('app.notFound')}</Alert>;
  return <>{children}</>;
}

/** Pages for partners and the coordinator alike. */
function Member({ children }: { children: preact.ComponentChildren }) {
  const c = claims.value;
  useEffect(() => {
    if (!c) navigate('/login', true);
  }, [c]);
  if (!c) return null;
  return <>{children}</>;
}

/** The console's pages by path; the first that matches renders. */
const routes: [string, (m: Record<string, string>) => preact.JSX.Element][] = [
  ['/', () => <Home />],
  ['/login', () => <Login />],
  ['/login/callback', () => <Callback />],
  [
    '/verbund/anfragen',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.inbox} props={{}} />
      </Guard>
    ),
  ],
  [
    '/verbund/anfragen/:id',
    (m) => (
      <Guard who="coordinator">
        <Lazy load={pages.inquiry} props={{ id: m.id! }} />
      </Guard>
    ),
  ],
  [
    '/verbund/auslastung',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.capacity} props={{}} />
      </Guard>
    ),
  ],
  [
    '/verbund/quarantaene',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.quarantine} props={{}} />
      </Guard>
    ),
  ],
  [
    '/firma/woche',
    () => (
      <Guard who="partner">
        <Lazy load={pages.week} props={{ view: 'week' as const }} />
      </Guard>
    ),
  ],
  [
    '/firma/auftraege',
    () => (
      <Guard who="partner">
        <Lazy load={pages.week} props={{ view: 'jobs' as const }} />
      </Guard>
    ),
  ],
  [
    '/firma/pools',
    () => (
      <Guard who="partner">
        <Lazy load={pages.pools} props={{}} />
      </Guard>
    ),
  ],
  [
    '/verbund/betriebe',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.partners} props={{ view: 'list' as const }} />
      </Guard>
    ),
  ],
  [
    '/verbund/betriebe/:id',
    (m) => (
      <Guard who="coordinator">
        <Lazy load={pages.partners} props={{ view: 'partner' as const, id: m.id! }} />
      </Guard>
    ),
  ],
  [
    '/verbund/kompetenzen',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.partners} props={{ view: 'taxonomy' as const }} />
      </Guard>
    ),
  ],
  [
    '/verbund/pools',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.poolAdmin} props={{ id: undefined }} />
      </Guard>
    ),
  ],
  [
    '/verbund/pools/:id',
    (m) => (
      <Guard who="coordinator">
        <Lazy load={pages.poolAdmin} props={{ id: m.id! }} />
      </Guard>
    ),
  ],
  [
    '/verbund/berichte',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.reports} props={{}} />
      </Guard>
    ),
  ],
  [
    '/verbund/einstellungen',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.settings} props={{}} />
      </Guard>
    ),
  ],
  [
    '/firma/kapazitaet',
    () => (
      <Guard who="partner">
        <Lazy load={pages.ownCapacity} props={{}} />
      </Guard>
    ),
  ],
  [
    '/firma/berichte',
    () => (
      <Guard who="partner">
        <Lazy load={pages.reports} props={{}} />
      </Guard>
    ),
  ],
  [
    '/firma/empfehlen',
    () => (
      <Guard who="partner">
        <Lazy load={pages.referral} props={{}} />
      </Guard>
    ),
  ],
  [
    '/verbund/foerderprojekte',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.funding} props={{ id: undefined }} />
      </Guard>
    ),
  ],
  [
    '/verbund/foerderprojekte/:id',
    (m) => (
      <Guard who="coordinator">
        <Lazy load={pages.funding} props={{ id: m.id! }} />
      </Guard>
    ),
  ],
  [
    '/firma/foerderprojekte',
    () => (
      <Guard who="partner">
        <Lazy load={pages.funding} props={{ id: undefined }} />
      </Guard>
    ),
  ],
  [
    '/firma/foerderprojekte/:id',
    (m) => (
      <Guard who="partner">
        <Lazy load={pages.funding} props={{ id: m.id! }} />
      </Guard>
    ),
  ],
  [
    '/austausch',
    () => (
      <Member>
        <Lazy load={pages.exchange} props={{ view: 'list' as const }} />
      </Member>
    ),
  ],
  [
    '/austausch/treffen',
    () => (
      <Member>
        <Lazy load={pages.exchange} props={{ view: 'meetings' as const }} />
      </Member>
    ),
  ],
  [
    '/austausch/treffen/neu',
    () => (
      <Guard who="coordinator">
        <Lazy load={pages.exchange} props={{ view: 'schedule' as const }} />
      </Guard>
    ),
  ],
  [
    '/austausch/treffen/:id',
    (m) => (
      <Member>
        <Lazy load={pages.exchange} props={{ view: 'meeting' as const, id: m.id! }} />
      </Member>
    ),
  ],
  [
    '/austausch/praxis/neu',
    () => (
      <Guard who="partner">
        <Lazy load={pages.exchange} props={{ view: 'publish' as const }} />
      </Guard>
    ),
  ],
  [
    '/austausch/fragen/neu',
    () => (
      <Guard who="partner">
        <Lazy load={pages.exchange} props={{ view: 'ask' as const }} />
      </Guard>
    ),
  ],
  [
    '/austausch/beitraege/:id',
    (m) => (
      <Member>
        <Lazy load={pages.exchange} props={{ view: 'post' as const, id: m.id! }} />
      </Member>
    ),
  ],
  ['/:slug/status/:token', (m) => <Lazy load={pages.status} props={{ slug: m.slug!, token: m.token! }} />],
];

function Page() {
  for (const [pattern, render] of routes) {
    const m = match(pattern, path.value);
    if (m) return render(m);
  }
  return <Alert kind="error">{t('app.notFound')}</Alert>;
}

function Header() {
  const c = claims.value;
  const links =
    c?.role === 'coordinator'
      ? [
          ['/verbund/anfragen', t('nav.inbox')],
          ['/verbund/auslastung', t('nav.capacity')],
          ['/verbund/quarantaene', t('nav.quarantine')],
          ['/verbund/betriebe', t('partners.nav')],
          ['/verbund/pools', t('poolAdmin.nav')],
          ['/verbund/foerderprojekte', t('funding.nav')],
          ['/verbund/berichte', t('reports.nav')],
          ['/verbund/einstellungen', t('settings.nav')],
          ['/austausch', t('exchange.nav')],
        ]
      : c?.role === 'partner'
        ? [
            ['/firma/woche', t('nav.week')],
            ['/firma/auftraege', t('nav.jobs')],
            ['/firma/pools', t('nav.pools')],
            ['/firma/kapazitaet', t('ownCapacity.nav')],
            ['/firma/foerderprojekte', t('funding.nav')],
            ['/firma/berichte', t('reports.nav')],
            ['/firma/empfehlen', t('referral.nav')],
            ['/austausch', t('exchange.nav')],
          ]
        : [];
  return (
    <header class="top">
      <a class="brand" href="/">
        {t('app.title')}
      </a>
      <nav aria-label="Hauptnavigation">
        {links.map(([href, label]) => (
          <a key={href} href={href} aria-current={path.value === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div class="tools">
        <button type="button" class="link" onClick={() => setLang(lang.value === 'de' ? 'en' : 'de')}>
          {t('app.language')}
        </button>
        {c && (
          <button
            type="button"
            class="link"
            onClick={() => {
              setToken(undefined);
              navigate('/login');
            }}
          >
            {t('app.logout')}
          </button>
        )}
      </div>
    </header>
  );
}

function App() {
  // re-render on language change
  void lang.value;
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main">
        <Page />
      </main>
    </>
  );
}

document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
