// Dialog and prompt ids, as constants so a typo cannot start the wrong dialog.

export const MAIN_DIALOG = 'mainDialog';
export const MAIN_WATERFALL = 'mainWaterfall';
export const ELIGIBILITY_DIALOG = 'eligibilityDialog';
export const PURCHASE_DIALOG = 'purchaseDialog';
export const TRIAL_DIALOG = 'trialDialog';
export const REQUEST_DIALOG = 'requestLicenseDialog';
export const PRODUCT_PROMPT = 'productPrompt';
export const QUANTITY_PROMPT = 'quantityPrompt';
export const STEPS = 'steps';
