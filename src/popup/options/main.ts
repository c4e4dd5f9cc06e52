// Options page: loads the settings from the background, validates the form, saves with ui/set-settings;
// below it, the reader's reuse lists (lists.ts).
import type { Settings } from '../../protocol/messages.ts';
import { ask } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { readForm, type FieldErrors, type FormValues } from './form.ts';
import { detached } from '../../ui/dom.ts';
import { localize, t, tNodes } from '../../ui/i18n.ts';
import { renderLevels } from './levels.ts';
import { renderAppearance } from './appearance.ts';
import { renderSitesOff } from './sites-off.ts';
import { createListsPanel } from './lists.ts';
import { LISTS_DEPS } from './lists-deps.ts';

localize(document);
// The introduction's sentence around the library link, as one message with the link in its place.
const intro = document.getElementById('intro');
const libraryLink = intro?.querySelector('a');
if (intro && libraryLink) intro.replaceChildren(...tNodes('options_intro', libraryLink));

const form = document.getElementById('options') as HTMLFormElement;
const status = document.getElementById('status')!;
const field = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const sites = field<HTMLTextAreaElement>('excludedSites');
const maxArticles = field<HTMLInputElement>('maxArticles');
const maxAgeDays = field<HTMLInputElement>('maxAgeDays');
const indexPrivate = field<HTMLInputElement>('indexPrivate');
const FIELDS: (keyof FormValues)[] = ['sensitivity', 'excludedSites', 'maxArticles', 'maxAgeDays'];

renderLevels(document, field('sensitivity-levels'));
const appearance = renderAppearance(document, field('appearance'), (patch) => ask({ type: 'ui/set-settings', settings: patch }));
const sitesOff = renderSitesOff(
  document,
  field('sites-off'),
  (host) => ask({ type: 'ui/set-site', host, on: true }).then(() => ask({ type: 'ui/get-settings' })),
  (s) => fill(s),
);

function say(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function fill(s: Settings): void {
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="sensitivity"]')) radio.checked = radio.value === s.sensitivity;
  sites.value = s.excludedSites.join('\n');
  maxArticles.value = String(s.maxArticles);
  maxAgeDays.value = String(s.maxAgeDays);
  indexPrivate.checked = s.indexPrivate;
  appearance.fill(s);
  sitesOff.fill(s);
}

function showErrors(errors: FieldErrors): void {
  for (const name of FIELDS) {
    const msg = errors[name] ?? '';
    field(`err-${name}`).textContent = msg;
    const input = name === 'sensitivity' ? null : field(name);
    if (input) input.setAttribute('aria-invalid', String(Boolean(msg)));
  }
  const first = FIELDS.find((f) => errors[f]);
  if (first) (first === 'sensitivity' ? form.querySelector<HTMLInputElement>('input[name="sensitivity"]') : field(first))?.focus();
}

form.addEventListener(
  'submit',
  detached(async (ev) => {
    ev.preventDefault();
    const checked = form.querySelector<HTMLInputElement>('input[name="sensitivity"]:checked');
    const result = readForm({
      sensitivity: checked?.value ?? '',
      excludedSites: sites.value,
      maxArticles: maxArticles.value,
      maxAgeDays: maxAgeDays.value,
      indexPrivate: indexPrivate.checked,
    });
    if (!result.ok) {
      showErrors(result.errors);
      say(t('options_fixFields'), 'error');
      return;
    }
    showErrors({});
    try {
      const saved = await ask({ type: 'ui/set-settings', settings: result.settings });
      fill(saved);
      say(t('options_saved'), 'ok');
    } catch (err) {
      say(errorText(err), 'error');
    }
  }),
);

ask({ type: 'ui/get-settings' }).then(fill, (err) => say(errorText(err), 'error'));

const lists = createListsPanel(document, LISTS_DEPS);
field('lists').replaceChildren(lists.root);
void lists.refresh();
