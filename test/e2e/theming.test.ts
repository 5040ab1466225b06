import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { useE2e } from './support/use-e2e.js';
import { launcher, openPanel, panel } from './support/widget-page.js';

describe.skipIf(!hasChromium())('theming and placement', () => {
  const e2e = useE2e();

  it('takes data-accent, data-position and the host’s --reqio-* variables', async () => {
    const { app, host } = e2e;
    const page = await e2e.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(host.page('/themed', 'themed', { API: app.url, PROJECT_ID: app.project.id, ACCENT: '#e11d48', POSITION: 'bottom-left' }));
    await launcher(page).waitFor();
    const box = await launcher(page).boundingBox();
    expect(box).toMatchObject({ x: 20, y: 800 - 20 - 52 });
    expect(await launcher(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(225, 29, 72)');
    await openPanel(page);
    const style = await panel(page).evaluate((element) => ({
      radius: getComputedStyle(element).borderTopLeftRadius,
      font: getComputedStyle(element).fontFamily,
      left: element.getBoundingClientRect().left,
    }));
    expect(style).toEqual({ radius: '4px', font: 'Georgia, serif', left: 20 });
  });

  it('ignores a data-accent that is not a colour, rather than letting it inject CSS', async () => {
    const { app, host } = e2e;
    const page = await e2e.newPage();
    await page.goto(host.page('/injected', 'themed', { API: app.url, PROJECT_ID: app.project.id, ACCENT: 'red}.launcher{display:none', POSITION: 'bottom-right' }));
    await launcher(page).waitFor();
    expect(await launcher(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(79, 70, 229)');
  });

  it('animates the panel only when the person has not asked for reduced motion', async () => {
    const { app, host } = e2e;
    const animations: Record<string, string> = {};
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const page = await e2e.newPage({ reducedMotion });
      await page.goto(host.page(`/motion-${reducedMotion}`, 'themed', { API: app.url, PROJECT_ID: app.project.id, ACCENT: '', POSITION: '' }));
      await openPanel(page);
      animations[reducedMotion] = await panel(page).evaluate((element) => getComputedStyle(element).animationName);
    }
    expect(animations).toEqual({ 'no-preference': 'reqio-in', reduce: 'none' });
  });
});
