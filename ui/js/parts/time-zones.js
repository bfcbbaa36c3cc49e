// The time zone names the server knows, as suggestions in a <datalist> (the editor,
// the import review, a person's details, Settings). Asked for once per run: the list
// never changes while the app runs.

import { h } from '../dom.js';
import { api } from '../ipc.js';

let zones = null;

export async function suggestTimeZones(datalist) {
  try {
    zones = zones || (await api.listTimeZones());
  } catch {
    return; // free text still works
  }
  datalist.replaceChildren(...zones.map((z) => h('option', { value: z })));
}
