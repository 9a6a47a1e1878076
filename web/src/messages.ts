/**
 * The words of the page's survey-source section, keyed by meaning (the survey links' figures).
 * English only, as the rest of the page is today.
 */
export const messages = {
  sources: {
    title: 'Where answers come from',
    note: "Survey links are sent on any channel (room.closed webhooks, survey.link); the widget is Rocket.Chat's own.",
    empty: 'No survey responses and no survey links in this period.',
    widget: 'Widget answers',
    link: 'Link answers',
    ofResponses: (share: string) => `${share} of responses`,
    created: 'Links sent',
    opened: 'Links opened',
    answered: 'Links answered',
    ofCreated: (share: string) => `${share} of links sent`,
    linkResponseRate: 'Link response rate',
  },
};
