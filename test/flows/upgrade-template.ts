/** Version 2 of the harness template, for the upgrade tests: an item added, one reworded, one dropped, a stage added. */
import { TEMPLATE } from './harness.js';

export const TEMPLATE_V2 = TEMPLATE.replace('about: v2026.11', 'about: v2027.01')
  .replace('- [ ] Engineer >> Admin access granted', '- [ ] Engineer >> Admin access granted\n- [ ] CSM >> Tenant ID recorded')
  .replace('- [ ] CSM >> Portal access enabled\n', '')
  .replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured and tested')
  .concat('\n### Stage 3: Check-in\n- [ ] CSM >> First month review held\n');
