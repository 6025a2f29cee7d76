/** Strings every element shares; each element keeps its own in `<element>.strings.ts`. Replace the objects' values to translate. */
export const sharedStrings = {
  loading: 'Loading…',
  retry: 'Try again',
  signIn: 'Sign in to your account to use the Pax8 integration.',
  loadFailed: (message: string) => `Could not load the Pax8 integration: ${message}`,
  notInPlanTitle: 'Pax8 is not included in your plan',
  notInPlanBody: 'Ask your administrator to add the Pax8 integration (pax8Integration) to your subscription to connect Pax8, sync companies and bill subscriptions.',
  noAccess: 'You do not have access to the Pax8 integration. Ask an administrator for the integrations.view permission.',
  readOnly: 'View only: an Owner or Admin with the integrations.manage permission can change these settings.',
};
