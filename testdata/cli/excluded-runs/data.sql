INSERT INTO accounts VALUES (2, 'ada');
