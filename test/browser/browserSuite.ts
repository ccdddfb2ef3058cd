// What the browser suite needs besides the rig: a loud notice when it cannot run.

/** Says, so that nobody can miss it, that the browser suite did not run and how to make it run. */
export function announceMissingBrowser(): void {
  const line = '!'.repeat(100);
  console.warn(
    [
      '',
      line,
      '!!  BROWSER SUITE SKIPPED: Chromium is not installed, so the Agents Playground was NOT tried in a browser.',
      '!!  Install it with: apt-get install chromium  (or set CHROMIUM_PATH). CI installs it and sets REQUIRE_BROWSER=1,',
      '!!  which turns this skip into a failure.',
      line,
      '',
    ].join('\n'),
  );
}
