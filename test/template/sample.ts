/** A small template used by several tests (our own wording, modelled on real MSP templates). */
export const SAMPLE = `---
name: Acme | Onboarding
about: v2024.06
title: "[Acme Onboarding] %customer%"
labels: EPIC
onboarding:
  due: [2, 5]
---
### Description
- Tenant ID: \`xxx\`

### Stage 1
- [ ] CSM >> Send the welcome mail
- [ ] Engineer >> Request admin consent[^1]

### Stage 2
- [ ] CSM >> Book the kickoff
- [x] CSM checked the invoice address

---
[^1]: [Consent guide](https://docs.example.com/consent)
`;
