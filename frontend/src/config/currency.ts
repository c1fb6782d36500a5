/** The server's DEFAULT_CURRENCY: stock is valued in it. */
export const BOOK_CURRENCY = 'USD';
