/**
 * The strings `<dv-availability-check>` and `<dv-booking-request>` share word for word: the participant picker, the
 * zone field and the common form and status words. Each element's catalog spreads them in, so a page that loads both
 * elements ships them once; an element that needs other wording defines the key itself instead.
 */
export const commonEn = {
  loading: 'Loading…',
  integrationDisabled: 'The calendar integration is switched off.',
  forbidden: 'You are not allowed to do this.',
  retry: 'Try again',
  participants: 'Participants',
  addParticipant: 'Add participant',
  selectedParticipants: 'Selected participants',
  removeParticipant: 'Remove {name}',
  searching: 'Searching…',
  noUsers: 'No matching users.',
  usersFailed: 'Users could not be loaded.',
  notConnected: 'no calendar connected',
  connectionFailed: 'calendar connection failed',
  integrationOff: 'calendar integration switched off',
  participantAdded: '{name} added.',
  participantRemoved: '{name} removed.',
  timeZone: 'Time zone',
  zoneUnknown: 'Unknown time zone. Please choose one from the list.',
  duration: 'Duration (minutes)',
  location: 'Location',
  room: 'Room',
  when: '{date}, {start} to {end}',
  appointmentTitle: 'Interview',
  applicantName: 'Applicant’s name',
  applicantEmail: 'Applicant’s e-mail',
  actionFailed: 'That did not work. Please try again.',
  cancelling: 'Cancelling…',
};

export type CommonCatalog = typeof commonEn;
export type CommonKey = keyof CommonCatalog;

/** Formal address ("Sie"), as the elements' German catalogs. */
export const commonDe: CommonCatalog = {
  loading: 'Wird geladen …',
  integrationDisabled: 'Die Kalenderintegration ist ausgeschaltet.',
  forbidden: 'Dazu fehlt Ihnen die Berechtigung.',
  retry: 'Erneut versuchen',
  participants: 'Teilnehmende',
  addParticipant: 'Teilnehmende hinzufügen',
  selectedParticipants: 'Ausgewählte Teilnehmende',
  removeParticipant: '{name} entfernen',
  searching: 'Suche läuft …',
  noUsers: 'Keine passenden Benutzer.',
  usersFailed: 'Die Benutzer konnten nicht geladen werden.',
  notConnected: 'kein Kalender verbunden',
  connectionFailed: 'Kalenderverbindung fehlgeschlagen',
  integrationOff: 'Kalenderintegration ausgeschaltet',
  participantAdded: '{name} hinzugefügt.',
  participantRemoved: '{name} entfernt.',
  timeZone: 'Zeitzone',
  zoneUnknown: 'Unbekannte Zeitzone. Bitte wählen Sie eine aus der Liste.',
  duration: 'Dauer (Minuten)',
  location: 'Ort',
  room: 'Raum',
  when: '{date}, {start} bis {end}',
  appointmentTitle: 'Vorstellungsgespräch',
  applicantName: 'Name der Bewerberin oder des Bewerbers',
  applicantEmail: 'E-Mail der Bewerberin oder des Bewerbers',
  actionFailed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
  cancelling: 'Wird abgesagt …',
};
