-- Customer satisfaction (S3, S4): the share of reviews rated 4 or 5 of 5.
-- Numerator: reviews rated 4 or 5 submitted in the month. Denominator: all reviews submitted in the month.
SELECT date_trunc('month', submitted_at) AS period,
       count(*) FILTER (WHERE rating >= 4) AS numerator,
       count(*) AS denominator
FROM reviews
GROUP BY date_trunc('month', submitted_at)
