/** What sign-in answers when the password was right and the account has two-factor on: the form then asks for the code. */
export const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
