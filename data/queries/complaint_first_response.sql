-- Complaint first-response time (S3, S4): the mean hours from a complaint being opened to
-- the first human reply, over the complaints opened in the month that have had a reply.
-- Numerator: the hours, summed. Denominator: those complaints.
SELECT date_trunc('month', opened_at) AS period,
       sum(extract(epoch FROM (first_response_at - opened_at)) / 3600.0) AS numerator,
       count(*) AS denominator
FROM complaints
WHERE first_response_at IS NOT NULL
GROUP BY date_trunc('month', opened_at)
