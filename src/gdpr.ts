// gdpr area: to be written (issue 5/6/7). Exports forUser / forAdmin / forWorker / forCompliance.
export const forUser = {};
export const forAdmin = {};
export const forWorker = {};
export const forCompliance = {};
