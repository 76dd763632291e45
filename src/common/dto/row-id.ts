/**
 * The largest id a row can have: ids are INTEGER columns, 32-bit on PostgreSQL. A larger number in a body or
 * query (`1e308` is a JSON integer) would reach the database as an out-of-range value and fail there.
 */
export const MAX_ROW_ID = 2_147_483_647;
