-- Complaint resolution time (S4): the mean hours from a complaint being opened to it being
-- closed, over the complaints closed in the month.
-- Numerator: the hours, summed. Denominator: complaints closed in the month.
SELECT date_trunc('month', resolved_at) AS period,
       sum(extract(epoch FROM (resolved_at - opened_at)) / 3600.0) AS numerator,
       count(*) AS denominator
FROM complaints
WHERE resolved_at IS NOT NULL
GROUP BY date_trunc('month', resolved_at)
