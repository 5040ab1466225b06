/**
 * A function a statement calls to fail as a serialization failure (40001), which the store
 * retries: the vote statement calls it when the request it inserted a vote for was merged by
 * a transaction that committed while the vote waited for the request's row. Retried, the
 * vote reads the request as merged and is refused with request_merged, so no vote is ever
 * left on, or counted on, a merged request.
 */
export const voteMergeGuard = `
create function reqio_serialization_failure(reason text) returns boolean language plpgsql as $$
begin
  raise exception using errcode = '40001', message = reason;
end
$$;
`;
