-- On-time shipment rate (S3: ship within 24 hours of order confirmation).
-- Numerator: orders shipped no later than 24 hours after confirmation.
-- Denominator: orders confirmed in the month; an order not shipped yet counts as late.
-- Returns one row per month: period (the month's first moment), numerator, denominator.
SELECT date_trunc('month', confirmed_at) AS period,
       count(*) FILTER (WHERE shipped_at <= confirmed_at + INTERVAL '24 hours') AS numerator,
       count(*) AS denominator
FROM orders
WHERE confirmed_at IS NOT NULL
GROUP BY date_trunc('month', confirmed_at)
