// Installs the Debian packages the test suite needs, when they are missing: chromium, in
// which the report test opens `selfsup report`'s page, and python3-gensim, against which the
// Word2Vec tests check the word2vec file formats and sampling tables. Runs before
// `pnpm test`; needs root (or an existing install). Set CHROMIUM_PATH to use a browser
// installed elsewhere, GENSIM_PYTHON to use another Python that has gensim.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Debian's Python, where apt installs python3-gensim (a `python3` earlier on PATH, e.g. pyenv's, would not see it).
const PYTHON = process.env.GENSIM_PYTHON ?? '/usr/bin/python3';

const hasGensim = () => {
  try {
    execFileSync(PYTHON, ['-c', 'import gensim'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const missing = [];
if (!existsSync(CHROMIUM)) missing.push({ name: 'chromium', present: () => existsSync(CHROMIUM), what: CHROMIUM, override: 'CHROMIUM_PATH' });
if (!hasGensim()) missing.push({ name: 'python3-gensim', present: hasGensim, what: `gensim for ${PYTHON}`, override: 'GENSIM_PYTHON' });

if (missing.length > 0) {
  const packages = missing.map((entry) => entry.name);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    for (const entry of missing) {
      console.error(
        `ensure-system-packages: ${entry.what} is missing; install it with 'sudo apt-get install -y ${entry.name}' or set ${entry.override}`,
      );
    }
    process.exit(1);
  }
  console.log(`ensure-system-packages: installing ${packages.join(', ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  try {
    install();
  } catch {
    // A fresh machine may have no package lists yet.
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    install();
  }
  for (const entry of missing) {
    if (!entry.present()) {
      console.error(`ensure-system-packages: apt-get finished but ${entry.what} is still missing`);
      process.exit(1);
    }
  }
}
