// Installs the Debian packages the test suite needs, when they are missing: chromium, in
// which the report test opens `selfsup report`'s page. Runs before `pnpm test`; needs root
// (or an existing install). Set CHROMIUM_PATH to use a browser installed elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['chromium'];

if (!existsSync(CHROMIUM)) {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.error(
      `ensure-system-packages: ${CHROMIUM} is missing; install it with 'sudo apt-get install -y ${PACKAGES.join(' ')}' or set CHROMIUM_PATH`,
    );
    process.exit(1);
  }
  console.log(`ensure-system-packages: installing ${PACKAGES.join(', ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'], env });
  try {
    install();
  } catch {
    // A fresh machine may have no package lists yet.
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    install();
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-system-packages: apt-get finished but ${CHROMIUM} is still missing`);
    process.exit(1);
  }
}
