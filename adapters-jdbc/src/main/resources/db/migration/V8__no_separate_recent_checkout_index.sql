-- The checkout's "a recent open payment for the same thing?" look-up (user, purchase key, provider, created in the
-- last minutes) is served by payments_by_user (user_id, created_at DESC): the index range is the user's payments
-- of those minutes, a handful at most (checkouts are rate-limited per user), filtered on the other two columns.
-- Given both, PostgreSQL already chose payments_by_user whenever the two differed in size. The wider index cost an
-- entry in every payment insert and every payment update that changes an indexed column (a settlement's capture
-- does), with nothing to show for it.
DROP INDEX payments_recent_checkout;
